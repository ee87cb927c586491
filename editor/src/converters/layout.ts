import dagre from '@dagrejs/dagre';
import type { GraphEdge, GraphNode } from './model';

/** Which way a flow runs on the canvas: top to bottom, or left to right (a long chain fits a wide screen). */
export type Direction = 'TB' | 'LR';

/** The direction a workflow is drawn in: its `meta.layout`, top to bottom when not set. */
export function directionOf(workflow: { meta?: unknown } | undefined): Direction {
  const meta = workflow?.meta as { layout?: unknown } | undefined;
  return meta && typeof meta === 'object' && meta.layout === 'LR' ? 'LR' : 'TB';
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;
const PADDING = 40;

/** The size a node takes: groups wrap their children, others are fixed. */
export function sizeOf(node: GraphNode): { width: number; height: number } {
  return node.style ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
}

/**
 * Lays out the children of `parentId` (top level when undefined) top to bottom with dagre, then
 * sizes every group around its children. With `onlyMissing`, a level is laid out only when one
 * of its nodes has no stored position. Answers new nodes; edges are only read.
 */
export function layout(nodes: GraphNode[], edges: GraphEdge[], onlyMissing = false, missing: Set<string> = new Set(),
  direction: Direction = 'TB'): GraphNode[] {
  const byId = new Map(nodes.map((n) => [n.id, { ...n }]));
  const children = (parent: string | undefined) => [...byId.values()].filter((n) => n.parentId === parent);

  const place = (parent: string | undefined) => {
    const level = children(parent);
    // Inner levels first: a group's size depends on its children.
    level.forEach((n) => { if (children(n.id).length > 0) place(n.id); });
    for (const group of level.filter((n) => children(n.id).length > 0)) {
      const inner = children(group.id);
      const right = Math.max(...inner.map((c) => c.position.x + sizeOf(c).width));
      const bottom = Math.max(...inner.map((c) => c.position.y + sizeOf(c).height));
      group.style = { width: Math.max(right + PADDING, NODE_WIDTH), height: Math.max(bottom + PADDING, NODE_HEIGHT) };
    }
    if (onlyMissing && !level.some((n) => missing.has(n.id))) return;
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: parent ? 'TB' : direction, nodesep: 40, ranksep: direction === 'LR' && !parent ? 90 : 60, marginx: parent ? PADDING : 0, marginy: parent ? PADDING + 10 : 0 });
    g.setDefaultEdgeLabel(() => ({}));
    const ids = new Set(level.map((n) => n.id));
    level.forEach((n) => g.setNode(n.id, sizeOf(n)));
    for (const e of edges) {
      const s = ancestorIn(e.source, ids, byId);
      const t = ancestorIn(e.target, ids, byId);
      if (s && t && s !== t) g.setEdge(s, t);
    }
    dagre.layout(g);
    for (const n of level) {
      if (onlyMissing && !missing.has(n.id)) continue; // a stored position stays where it was put
      const p = g.node(n.id);
      const size = sizeOf(n);
      n.position = { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
    }
  };
  place(undefined);
  return nodes.map((n) => byId.get(n.id)!);
}

/** The node among `ids` that is `id` or contains it. */
function ancestorIn(id: string, ids: Set<string>, byId: Map<string, GraphNode>): string | undefined {
  let current: GraphNode | undefined = byId.get(id);
  while (current) {
    if (ids.has(current.id)) return current.id;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return undefined;
}
