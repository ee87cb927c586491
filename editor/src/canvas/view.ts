import { useMemo, useRef } from 'react';
import type { FitViewOptions } from '@xyflow/react';
import type { Direction, GraphNode } from '../converters';
import { NODE_HEIGHT, NODE_WIDTH, TRIGGER_ID } from '../converters';
import { handlesOf } from './handles';
import type { FlowEdge, FlowNode } from './graphEdits';

/** Below this zoom a node's 14 px title is under 11 px on screen. */
export const READABLE_ZOOM = 0.8;

/**
 * Where the editor opens: the whole flow when it fits readably, else its beginning (the
 * trigger and the first states from the top) at a readable zoom — never a view of 7 px text.
 */
export function initialView(nodes: GraphNode[], direction: Direction = 'TB', room?: { width: number; height: number },
  fitAll = 12): FitViewOptions {
  const top = nodes.filter((n) => !n.parentId);
  if (top.length <= fitAll) return { maxZoom: 1, minZoom: READABLE_ZOOM, padding: 0.2 };
  // The beginning: from the top, or from the left in a left-to-right flow.
  const along = (n: GraphNode) => (direction === 'LR' ? [n.position.x, n.position.y] : [n.position.y, n.position.x]);
  const first = [...top].sort((a, b) => (a.id === TRIGGER_ID ? -1 : b.id === TRIGGER_ID ? 1 : along(a)[0] - along(b)[0]
    || along(a)[1] - along(b)[1])).slice(0, firstCount(direction, room));
  return { nodes: first.map((n) => ({ id: n.id })), maxZoom: 1, minZoom: READABLE_ZOOM, padding: 0.2 };
}

/** How many states from the beginning fit the canvas at a readable zoom (6 when its size is not known). */
function firstCount(direction: Direction, room?: { width: number; height: number }): number {
  if (!room) return 6;
  // A state and the gap to the next, along the flow (layout's rank separation).
  const step = direction === 'LR' ? NODE_WIDTH + 90 : NODE_HEIGHT + 60;
  const along = direction === 'LR' ? room.width : room.height;
  return Math.max(2, Math.min(6, Math.floor((along * 0.8) / (step * READABLE_ZOOM))));
}

/** The words an edge carries: its handle's label when the state has several ways out (branches, signals, timers, errors). */
export function edgeLabel(source: GraphNode | undefined, slot: string): string | undefined {
  if (!source) return undefined;
  const handles = handlesOf(source.type, source.data.state);
  if (handles.length < 2) return undefined;
  const label = handles.find((h) => h.slot === slot)?.label;
  return label && label !== 'out' ? label : undefined;
}

/**
 * The edges as drawn: each labelled with its handle's words (the handles' own labels stay short
 * and would overlap). A label a problem put on an edge wins. Edge objects are kept as long as
 * their label does not change, so dragging a node re-renders no edge.
 */
export function useEdgeLabels(edges: FlowEdge[], nodes: FlowNode[]): FlowEdge[] {
  const cache = useRef(new WeakMap<FlowEdge, { label: string | undefined; drawn: FlowEdge }>());
  const states = nodes.map((n) => n.data.state);
  const statesKey = useRef<{ states: unknown[]; byId: Map<string, GraphNode> }>({ states: [], byId: new Map() });
  const same = states.length === statesKey.current.states.length && states.every((s, i) => s === statesKey.current.states[i]);
  if (!same) statesKey.current = { states, byId: new Map(nodes.map((n) => [n.id, n as GraphNode])) };
  const byId = statesKey.current.byId;
  return useMemo(() => edges.map((e) => {
    if (e.label) return e;
    const label = edgeLabel(byId.get(e.source), e.data?.slot ?? '');
    if (label === undefined) return e;
    const hit = cache.current.get(e);
    if (hit && hit.label === label) return hit.drawn;
    const drawn = { ...e, label, labelStyle: { fontSize: 11 }, labelBgStyle: { fillOpacity: 0.85 } } as FlowEdge;
    cache.current.set(e, { label, drawn });
    return drawn;
  }), [edges, byId]);
}
