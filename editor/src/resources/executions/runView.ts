import type { Definition, Json, JsonObject } from '../../converters';
import { toGraph } from '../../converters';
import type { GraphEdge, GraphNode } from '../../converters';
import { takenPath } from '../../canvas/takenPath';
import type { Decision } from '../../canvas/takenPath';
import { isObject } from '../../panels/values';

export interface RunRow {
  nodeId: string;
  durationMs?: number | null;
  contextBefore?: Json | null;
}


/** Every state of a definition by id, nested ones (regions, loop bodies) included. */
export function statesOf(definition: Definition | undefined): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const walk = (states: unknown) => {
    if (!isObject(states)) return;
    for (const [id, state] of Object.entries(states)) {
      if (!isObject(state)) continue;
      out.set(id, state);
      if (isObject(state.loop)) walk(state.loop.bodyStates);
      // A parallel state's `states` are its regions, each with states of its own.
      if (isObject(state.states)) for (const region of Object.values(state.states)) if (isObject(region)) walk(region.states);
    }
  };
  walk(definition?.states);
  return out;
}

/** A state's label as the designer wrote it (meta.label), else its id. */
export function labelOf(states: Map<string, JsonObject>, id: string): string {
  const meta = states.get(id)?.meta;
  return isObject(meta) && typeof meta.label === 'string' && meta.label.trim() !== '' ? meta.label : id;
}

/** Each row's share of the time the run's nodes took, 0 to 1. */
export function timeShares(rows: RunRow[]): number[] {
  const total = rows.reduce((sum, r) => sum + Math.max(0, r.durationMs ?? 0), 0);
  return rows.map((r) => (total > 0 ? Math.max(0, r.durationMs ?? 0) / total : 0));
}

/** What each branching state decided in the run, from the definition and the rows in the order they ran. */
export function decisionsOf(definition: Definition | undefined, rows: RunRow[], execution: { status: string;
  currentState?: string | null; context?: Json }): Map<string, Decision> {
  if (!definition || !isObject(definition.states)) return new Map();
  const graph = toGraph(definition);
  const ended = !['running', 'waiting', 'paused', 'pending'].includes(execution.status);
  return takenPath(graph.nodes as GraphNode[], graph.edges as GraphEdge[], rows, { currentState: execution.currentState,
    ended, context: execution.context }).decisions;
}

/** The params a run was started with: the payload fields its first node found in the context (or its trigger's payload). */
export function startParams(definition: Definition | undefined, rows: RunRow[], triggerPayload: Json | undefined): JsonObject {
  if (isObject(triggerPayload)) return triggerPayload;
  const schema = Array.isArray(definition?.payloadSchema) ? definition.payloadSchema : [];
  const first = rows[0]?.contextBefore;
  if (!isObject(first)) return {};
  const out: JsonObject = {};
  for (const field of schema) {
    if (isObject(field) && typeof field.name === 'string' && first[field.name] !== undefined) out[field.name] = first[field.name];
  }
  return out;
}
