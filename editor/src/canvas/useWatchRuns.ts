import { useEffect } from 'react';
import { useGetList } from 'react-admin';

/** While `watching`, the newest run of the workflow (triggered ones included), polled every second. */
export function useWatchRuns(workflowId: number, watching: boolean, follow: (runId: string) => void) {
  const { data } = useGetList('workflow-executions', {
    filter: { workflowId }, sort: { field: 'id', order: 'DESC' }, pagination: { page: 1, perPage: 1 },
  }, { enabled: watching, refetchInterval: watching ? 1000 : false });
  const latest = watching ? data?.[0]?.id : undefined;
  useEffect(() => {
    if (latest !== undefined) follow(String(latest));
  }, [latest, follow]);
}
