import type { GraphEdge, GraphNode } from '../converters';
import { REGION_SEPARATOR, TRIGGER_ID } from '../converters';

/** The server's rule (WorkflowValidator.STATE_ID): ids become Camel route and step names. */
const STATE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why `next` cannot be the new id of state `current`, if it cannot. */
export function renameProblem(nodes: GraphNode[], current: string, next: string): string | undefined {
  if (next === current) return undefined;
  if (!STATE_ID.test(next)) return '1 to 64 letters, digits, _ or -';
  if (next === TRIGGER_ID || nodes.some((n) => n.id === next || n.data.stateId === next)) return `'${next}' is taken`;
  return undefined;
}

/**
 * Renames a state everywhere the graph names it: its node, its regions (a parallel state's
 * regions are `<id>::<region>`), the children's parents, and every edge from or to it.
 * Transitions live in the edges, so every state that pointed at it now points at the new id.
 */
export function renameState(nodes: GraphNode[], edges: GraphEdge[], current: string, next: string):
  { nodes: GraphNode[]; edges: GraphEdge[] } {
  const prefix = `${current}${REGION_SEPARATOR}`;
  const map = (id: string | undefined) => {
    if (id === undefined) return undefined;
    if (id === current) return next;
    if (id.startsWith(prefix)) return `${next}${REGION_SEPARATOR}${id.slice(prefix.length)}`;
    return id;
  };
  const renamedNodes = nodes.map((n) => {
    const id = map(n.id)!;
    const parentId = map(n.parentId);
    if (id === n.id && parentId === n.parentId) return n;
    return { ...n, id, ...(parentId ? { parentId } : {}), data: { ...n.data, stateId: n.id === current ? next : id } };
  });
  const renamedEdges = edges.map((e) => {
    const source = map(e.source)!;
    const target = map(e.target)!;
    if (source === e.source && target === e.target) return e;
    return { ...e, id: `${source}:${e.data.slot}`, source, target };
  });
  return { nodes: renamedNodes, edges: renamedEdges };
}
