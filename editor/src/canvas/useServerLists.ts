import { useQuery } from '@tanstack/react-query';
import { API, httpClient } from '../dataProvider';
import { undrawnServerKinds } from '../kinds';
import type { ServerLists } from '../panels/types';

interface StateKinds {
  kinds: { name: string }[];
  operators: string[];
  types: string[];
}

/**
 * The guard operators, JSON types and state kinds as the server knows them
 * (`GET /api/state-kinds`), so the editor's lists cannot drift from the validator's. While they
 * load the lists are empty (fields keep what is written); `undrawn` names server kinds no
 * editor kind draws, shown as an error.
 */
export function useServerLists(): ServerLists & { undrawn: string[] } {
  const { data } = useQuery({
    queryKey: ['state-kinds'],
    queryFn: async () => (await httpClient(`${API}/state-kinds`)).json as StateKinds,
    staleTime: Infinity,
  });
  return {
    operators: data?.operators ?? [],
    types: data?.types ?? [],
    undrawn: data ? undrawnServerKinds(data.kinds.map((k) => k.name)) : [],
  };
}
