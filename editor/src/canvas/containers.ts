import type { GraphNode } from '../converters';
import { descriptorOf } from '../kinds';

/** Where a node is on the canvas: its position plus its parents'. */
export function absolutePosition(node: GraphNode, byId: Map<string, GraphNode>): { x: number; y: number } {
  let x = node.position.x;
  let y = node.position.y;
  let parent = node.parentId ? byId.get(node.parentId) : undefined;
  while (parent) {
    x += parent.position.x;
    y += parent.position.y;
    parent = parent.parentId ? byId.get(parent.parentId) : undefined;
  }
  return { x, y };
}

/**
 * The group a dropped node goes into: the innermost frame that holds states (a parallel region,
 * a loop body) under the point, with its top-left corner (a child's position is relative to it); none on open canvas.
 */
export function containerAt(nodes: GraphNode[], point: { x: number; y: number }):
  { id: string; origin: { x: number; y: number } } | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let best: { id: string; origin: { x: number; y: number }; area: number } | undefined;
  for (const n of nodes) {
    if (!descriptorOf(n.type).holdsStates || !n.style) continue;
    const origin = absolutePosition(n, byId);
    const inside = point.x >= origin.x && point.y >= origin.y
      && point.x <= origin.x + n.style.width && point.y <= origin.y + n.style.height;
    const area = n.style.width * n.style.height;
    if (inside && (!best || area < best.area)) best = { id: n.id, origin, area };
  }
  return best && { id: best.id, origin: best.origin };
}
