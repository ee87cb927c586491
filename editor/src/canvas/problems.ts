import type { Graph } from '../converters';

export interface Problem {
  path: string;
  message: string;
}

export interface Placed {
  /** node id → messages */
  nodes: Map<string, string[]>;
  /** edge id → messages */
  edges: Map<string, string[]>;
  /** problems of the workflow itself (initial, payloadSchema, …) */
  workflow: string[];
}

const TRANSITION_KEYS = new Set(['onDone', 'onError', 'always', 'after']);

/**
 * Places each problem the service reported (a JSON pointer such as
 * `/states/evaluate/always/0/target`) on the deepest state its pointer names, and on the edge
 * when it names a transition.
 */
export function placeProblems(graph: Graph, problems: Problem[]): Placed {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const placed: Placed = { nodes: new Map(), edges: new Map(), workflow: [] };
  const add = (map: Map<string, string[]>, key: string, message: string) => map.set(key, [...(map.get(key) ?? []), message]);
  for (const p of problems) {
    const segments = p.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let state: string | undefined;
    let at = -1;
    segments.forEach((s, i) => {
      if (i > 0 && (segments[i - 1] === 'states' || segments[i - 1] === 'bodyStates') && ids.has(s)) {
        state = s;
        at = i;
      }
    });
    if (!state) {
      placed.workflow.push(p.path ? `${p.path}: ${p.message}` : p.message);
      continue;
    }
    const rest = segments.slice(at + 1);
    // A condition's problem names its branch, so the guard editor can show it there.
    const branch = rest[0] === 'always' && rest[1] !== undefined && /^\d+$/.test(rest[1]) ? Number(rest[1]) : undefined;
    const message = branch === undefined ? p.message : `${branchName(branch)}: ${p.message}`;
    add(placed.nodes, state, message);
    const slot = slotOf(rest);
    if (slot) {
      const edge = graph.edges.find((e) => e.source === state && e.data.slot === slot);
      if (edge) add(placed.edges, edge.id, message);
    }
  }
  return placed;
}

/** How a problem names a condition's branch: `branch 1` for `always/0`. */
export function branchName(index: number): string {
  return `branch ${index + 1}`;
}

/** The transition slot a pointer below a state names: `always/0/target` → `always.0`. */
function slotOf(rest: string[]): string | undefined {
  if (rest[0] === 'invoke' && (rest[1] === 'onDone' || rest[1] === 'onError')) return `invoke.${rest[1]}`;
  if (!TRANSITION_KEYS.has(rest[0])) return undefined;
  if (rest[0] === 'always' && rest[1] !== undefined && /^\d+$/.test(rest[1])) return `always.${rest[1]}`;
  if (rest[0] === 'after' && rest[1] !== undefined) return `after.${rest[1]}`;
  return rest[0];
}
