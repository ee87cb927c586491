import { useMemo } from 'react';
import { useGetOne } from 'react-admin';
import type { Json } from '../converters';
import type { NodeRun } from '../panels/RunDetails';

interface ExecutionRecord {
  id: number;
  status: string;
  currentState: string | null;
  context?: Json;
  nodes?: Array<NodeRun & { nodeId: string; contextBefore?: Json | null }>;
}

const ACTIVE = new Set(['running', 'waiting', 'pending']);

/** A node's look in the overlay: where a live run is pulses (a parked wait too: it resumes there). */
export function statusOf(execution: ExecutionRecord, byNode: Map<string, NodeRun[]>, nodeId: string): string | undefined {
  const active = ACTIVE.has(execution.status);
  if (active && execution.currentState === nodeId) return 'running';
  const list = byNode.get(nodeId);
  if (list?.length) return list[list.length - 1].status;
  if (execution.currentState === nodeId) return execution.status === 'completed' ? 'completed' : 'failed';
  return active ? undefined : 'skipped';
}

/**
 * The run shown on the canvas: its execution polled every 700 ms while it is live (react-admin's
 * `useGetOne` with a `refetchInterval`), its node rows by node, and each node's status.
 */
export function useRunOverlay(runId: string | null) {
  const { data, error } = useGetOne<ExecutionRecord>('workflow-executions', { id: Number(runId ?? 0) }, {
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.status) ? false : 700),
  });
  return useMemo(() => {
    const byNode = new Map<string, NodeRun[]>();
    for (const row of data?.nodes ?? []) {
      byNode.set(row.nodeId, [...(byNode.get(row.nodeId) ?? []), { id: row.id, attempt: row.attempt, status: row.status,
        durationMs: row.durationMs, input: row.input, output: row.output, error: row.error, contextBefore: row.contextBefore }]);
    }
    return {
      runs: byNode,
      status: runId && data ? data.status : null,
      /** The run's context: the variable picker offers the fields it held. */
      context: runId && data ? data.context : undefined,
      /** The node rows in the order they ran, and how the run stands: what the taken path is made of. */
      rows: runId && data ? data.nodes ?? [] : [],
      ended: !!(runId && data && !ACTIVE.has(data.status)),
      currentState: runId && data ? data.currentState : null,
      error: error as Error | null,
      statusOf: (nodeId: string) => (runId && data ? statusOf(data, byNode, nodeId) : undefined),
    };
  }, [data, error, runId]);
}
