import type { GraphEdge, GraphNode, Json, JsonObject } from '../converters';
import { TRIGGER_ID } from '../converters';
import { isObject } from '../panels/values';

/** A node row of a run, as the execution's detail answers it. */
export interface PathRow {
  nodeId: string;
  contextBefore?: Json | null;
}

/** One branch of a condition as the run met it. */
export interface BranchOutcome {
  index: number;
  /** held: taken; failed: asked and false; unasked: after the one taken. */
  result: 'held' | 'failed' | 'unasked';
  /** The guard's key and the value the context held there when the condition was asked. */
  key?: string;
  actual?: Json;
  hasActual?: boolean;
}

/** What a condition decided in the run. */
export interface Decision {
  taken: number;
  target: string;
  branches: BranchOutcome[];
}

export interface TakenPath {
  /** Ids of the edges the run went along. */
  edges: Set<string>;
  /** Condition state id → its decision. */
  decisions: Map<string, Decision>;
}


/**
 * A dotted path into a context the way the engine reads a guard key: `$.` in front is allowed,
 * array elements by index, `length` of an array. Answers undefined where nothing is.
 */
export function readPath(context: Json | undefined | null, key: string): Json | undefined {
  const path = key === '$' ? '' : key.startsWith('$.') ? key.slice(2) : key;
  let at: Json | undefined = context ?? undefined;
  if (path === '') return at;
  for (const part of path.split('.')) {
    if (Array.isArray(at)) {
      at = part === 'length' ? at.length : /^\d+$/.test(part) ? at[Number(part)] : undefined;
    } else if (isObject(at)) {
      at = at[part];
    } else {
      return undefined;
    }
    if (at === undefined) return undefined;
  }
  return at;
}

/**
 * The way a run went over the canvas, from its node rows in the order they ran: between two
 * consecutive rows, the edges through states that wrote no row (conditions decide without one)
 * from the first to the second. A state with branches (a condition node, or a node whose
 * transitions are guarded) on that way took the branch whose edge the run
 * followed; the branches before it were asked and failed. The key's value is read from the
 * context the next node started with (a condition does not change the context).
 */
export function takenPath(nodes: GraphNode[], edges: GraphEdge[], rows: PathRow[], end: { currentState?: string | null;
  ended: boolean; context?: Json }): TakenPath {
  const out: TakenPath = { edges: new Set(), decisions: new Map() };
  const withRows = new Set(rows.map((r) => r.nodeId));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of edges) outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);

  // The states in the order the run was in them, each once per stay (retries write a row per attempt).
  const steps: { id: string; context?: Json }[] = [{ id: TRIGGER_ID }];
  for (const r of rows) {
    if (steps[steps.length - 1].id !== r.nodeId) steps.push({ id: r.nodeId, context: r.contextBefore ?? undefined });
  }
  if (end.ended && end.currentState && steps[steps.length - 1].id !== end.currentState && byId.has(end.currentState)) {
    steps.push({ id: end.currentState, context: end.context });
  }

  for (let i = 0; i + 1 < steps.length; i++) {
    const from = steps[i].id;
    const to = steps[i + 1].id;
    const way = route(from, to, outgoing, withRows);
    if (!way) continue;
    for (const e of way) {
      out.edges.add(e.id);
      const source = byId.get(e.source);
      // A condition node decides without a row; an invoke state with branches decides after its row.
      if (source && e.data.slot.startsWith('always.')) {
        const decision = decide(source, e, steps[i + 1].context);
        if (decision) out.decisions.set(source.id, decision);
      }
    }
  }
  return out;
}

/** The shortest way of edges from `from` to `to` whose inner states wrote no row; undefined if none. */
function route(from: string, to: string, outgoing: Map<string, GraphEdge[]>, withRows: Set<string>): GraphEdge[] | undefined {
  const via = new Map<string, GraphEdge>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of outgoing.get(at) ?? []) {
      if (seen.has(e.target)) continue;
      seen.add(e.target);
      via.set(e.target, e);
      if (e.target === to) {
        const way: GraphEdge[] = [];
        for (let n = to; n !== from;) {
          const edge = via.get(n)!;
          way.unshift(edge);
          n = edge.source;
        }
        return way;
      }
      // Only through states that leave no row: anything else would have written one.
      if (!withRows.has(e.target)) queue.push(e.target);
    }
  }
  return undefined;
}

function decide(node: GraphNode, edge: GraphEdge, context: Json | undefined): Decision | undefined {
  const always = node.data.state.always;
  const slot = edge.data.slot;
  if (!Array.isArray(always) || !slot.startsWith('always.')) return undefined;
  const taken = Number(slot.slice('always.'.length));
  const branches = always.map((entry, index): BranchOutcome => {
    const guard = isObject(entry) && isObject(entry.guard) ? entry.guard : undefined;
    const params = guard && isObject(guard.params) ? guard.params : {};
    const key = guard && guard.type !== 'jsonata' && typeof params.key === 'string' ? params.key : undefined;
    const actual = key !== undefined && context !== undefined ? readPath(context, key) : undefined;
    return {
      index,
      result: index === taken ? 'held' : index < taken ? 'failed' : 'unasked',
      key,
      actual,
      hasActual: key !== undefined && context !== undefined,
    };
  });
  return { taken, target: edge.target, branches };
}

/** A decision in a few words for the node on the canvas: `took 2: otherwise → spawn`. */
export function outcomeText(node: GraphNode, decision: Decision | undefined): string | undefined {
  if (!decision) return undefined;
  const always = Array.isArray(node.data.state.always) ? node.data.state.always : [];
  const entry = always[decision.taken];
  const what = isObject(entry) && isObject(entry.guard) ? `branch ${decision.taken + 1}` : 'otherwise';
  return `took ${what} → ${decision.target}`;
}
