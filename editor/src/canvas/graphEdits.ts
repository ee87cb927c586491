import type { Edge, Node } from '@xyflow/react';
import { kindOf, layout, NODE_HEIGHT, NODE_WIDTH, toGraph, TRIGGER_ID } from '../converters';
import type { GraphEdge, GraphNode, Json, JsonObject } from '../converters';
import { getSlot } from '../converters';
import { descriptorOf } from '../kinds';
import { handlesOf } from './handles';
import { absolutePosition, containerAt } from './containers';
import { newStateId, stateFor } from './templates';
import type { PaletteItem } from './templates';
import { isObject } from '../panels/values';

/** The canvas's nodes and edges as React Flow holds them. */
export type FlowNode = Node & GraphNode;
export type FlowEdge = Edge & GraphEdge;

/** The pure edits of the canvas: each takes the graph as it is and answers the graph after. */
export interface Canvas {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Connects a handle to a node: the slot's edge (at most one per slot) now points there. */
export function connect(canvas: Canvas, source: string, slot: string, target: string): Canvas {
  const from = canvas.nodes.find((n) => n.id === source);
  if (!from || source === target) return canvas;
  const value: Json = (getSlot(from.data.state, slot) as Json | undefined) ?? target;
  return {
    nodes: canvas.nodes,
    edges: [...canvas.edges.filter((e) => !(e.source === source && e.data?.slot === slot)),
      { id: `${source}:${slot}`, source, target, sourceHandle: slot, data: { slot, value } } as FlowEdge],
  };
}

/**
 * Adds the palette item as a new state, at `position` (or below the others). Dropped inside a
 * frame that holds states, it becomes one of them; a kind that nests machines comes with them.
 */
export function addState(canvas: Canvas, item: PaletteItem, position?: { x: number; y: number }): Canvas & { id: string } {
  const taken = new Set(canvas.nodes.map((n) => n.id));
  const id = newStateId(item, taken);
  const state = stateFor(item, id);
  const at = position ?? (() => {
    const top = canvas.nodes.filter((n) => !n.parentId);
    const bottom = Math.max(...top.map((n) => n.position.y), 0);
    return { x: top[top.length - 1]?.position.x ?? 0, y: bottom + 120 };
  })();
  const container = position ? containerAt(canvas.nodes, { x: at.x + 100, y: at.y + 32 }) : undefined;
  const placed = container
    ? { parentId: container.id, position: { x: Math.max(10, at.x - container.origin.x), y: Math.max(30, at.y - container.origin.y) } }
    : { position: at };
  const kind = kindOf(id, state);
  if (descriptorOf(kind).nesting) {
    // A group: its regions or body come as nodes of their own, laid out inside it.
    const sub = toGraph({ initial: id, states: { [id]: state } });
    const inner = sub.nodes.filter((n) => n.id !== TRIGGER_ID).map((n) => (n.id === id ? { ...n, ...placed } : n));
    return { id, nodes: [...canvas.nodes, ...inner as FlowNode[]],
      edges: [...canvas.edges, ...sub.edges.filter((e) => e.source !== TRIGGER_ID) as FlowEdge[]] };
  }
  const added = { id, type: kind, ...placed, data: { stateId: id, state, slots: [] } } as FlowNode;
  // Groups grow around what is dropped into them (layout only re-sizes here: nothing is missing a place).
  const nodes = container
    ? layout([...canvas.nodes, added], canvas.edges, true, new Set()) as FlowNode[]
    : [...canvas.nodes, added];
  return { id, nodes, edges: canvas.edges };
}

/** A state dragged into a frame joins it; dragged out of one, it leaves it. Groups and the trigger stay where they are. */
export function dropInto(canvas: Canvas, draggedId: string): FlowNode[] {
  const self = canvas.nodes.find((n) => n.id === draggedId);
  if (!self || self.id === TRIGGER_ID || descriptorOf(self.type).group) return canvas.nodes;
  const byId = new Map<string, GraphNode>(canvas.nodes.map((n) => [n.id, n]));
  const at = absolutePosition(self, byId);
  const container = containerAt(canvas.nodes.filter((n) => n.id !== self.id), { x: at.x + 100, y: at.y + 32 });
  if ((container?.id ?? undefined) === self.parentId) {
    return layout(canvas.nodes, canvas.edges, true, new Set()) as FlowNode[];
  }
  const { parentId: _old, extent: _extent, ...rest } = self;
  const placed = container
    ? { ...rest, parentId: container.id, position: { x: at.x - container.origin.x, y: at.y - container.origin.y } }
    : { ...rest, position: at };
  // Parents come before their children in React Flow's list: the moved state goes last.
  return layout([...canvas.nodes.filter((n) => n.id !== self.id), placed as FlowNode], canvas.edges, true, new Set()) as FlowNode[];
}

/** The node's state replaced; its kind follows what the state now is. */
export function withState(nodes: FlowNode[], nodeId: string, state: JsonObject): FlowNode[] {
  return nodes.map((n) => (n.id === nodeId ? { ...n, type: kindOf(n.data.stateId, state), data: { ...n.data, state } } as FlowNode : n));
}

/** A transition slot renamed (a delay's milliseconds, a wait's signal): its edge moves with it. */
export function renameSlot(canvas: Canvas, nodeId: string, from: string, to: string, state: JsonObject): Canvas {
  return {
    nodes: canvas.nodes.map((n) => (n.id === nodeId
      ? { ...n, type: kindOf(n.data.stateId, state), data: { ...n.data, state, slots: n.data.slots.map((s) => (s === from ? to : s)) } } as FlowNode
      : n)),
    edges: canvas.edges.map((e) => (e.source === nodeId && e.data?.slot === from
      ? { ...e, id: `${nodeId}:${to}`, sourceHandle: to, data: { ...e.data, slot: to } } as FlowEdge : e)),
  };
}

/**
 * Transition slots moved at once (a condition's branches reordered or one removed): each edge of a
 * slot in `moves` goes to the slot it names, or away with null; the others stay. Moves are
 * simultaneous, so `always.0` and `always.1` can swap.
 */
export function moveSlots(canvas: Canvas, nodeId: string, moves: Record<string, string | null>, state: JsonObject): Canvas {
  const moved = (slot: string) => (slot in moves ? moves[slot] : slot);
  return {
    nodes: canvas.nodes.map((n) => (n.id === nodeId
      ? { ...n, type: kindOf(n.data.stateId, state), data: { ...n.data, state,
        slots: n.data.slots.map(moved).filter((s): s is string => s !== null) } } as FlowNode
      : n)),
    edges: canvas.edges.flatMap((e) => {
      if (e.source !== nodeId || !e.data?.slot || !(e.data.slot in moves)) return [e];
      const to = moves[e.data.slot];
      return to === null ? [] : [{ ...e, id: `${nodeId}:${to}`, sourceHandle: to, data: { ...e.data, slot: to } } as FlowEdge];
    }),
  };
}

/** A state deleted with what it holds and every edge to or from it. */
export function deleteState(canvas: Canvas, nodeId: string): Canvas {
  const gone = new Set([nodeId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const n of canvas.nodes) {
      if (n.parentId && gone.has(n.parentId) && !gone.has(n.id)) {
        gone.add(n.id);
        grew = true;
      }
    }
  }
  return {
    nodes: canvas.nodes.filter((n) => !gone.has(n.id)),
    edges: canvas.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
}

/**
 * The handle a new node is connected from when it is added while `fromId` is selected: the
 * selected node's first way out that leads nowhere yet (never an error handle), at the same
 * level as the new node. The trigger's is `initial`. Undefined when there is none.
 */
export function freeHandle(canvas: Canvas, fromId: string | null, newId: string): string | undefined {
  if (!fromId || fromId === newId) return undefined;
  const from = canvas.nodes.find((n) => n.id === fromId);
  const added = canvas.nodes.find((n) => n.id === newId);
  if (!from || !added || (from.parentId ?? null) !== (added.parentId ?? null)) return undefined;
  const used = new Set(canvas.edges.filter((e) => e.source === fromId).map((e) => e.data?.slot));
  if (from.id === TRIGGER_ID) return used.has('initial') ? undefined : 'initial';
  if (descriptorOf(from.type).group || from.type === 'end') return descriptorOf(from.type).group && !used.has('onDone')
    && handlesOf(from.type, from.data.state).some((h) => h.slot === 'onDone') ? 'onDone' : undefined;
  return handlesOf(from.type, from.data.state).find((h) => !h.error && !used.has(h.slot))?.slot;
}

/**
 * The node's inputs filled where the choice is plain: each required input still empty whose
 * name is a top-level variable in scope (`playerId` ← `$.playerId`). Answers the new state, or
 * the same one when nothing was filled.
 */
export function fillByName(state: JsonObject, required: string[], variables: { path: string }[]): JsonObject {
  if (!isObject(state.invoke)) return state;
  const input = isObject(state.invoke.input) ? state.invoke.input : {};
  const names = new Set(variables.map((v) => v.path));
  const filled = Object.fromEntries(required.filter((name) => input[name] === undefined && names.has(`$.${name}`))
    .map((name) => [name, `$.${name}`]));
  if (Object.keys(filled).length === 0) return state;
  return { ...state, invoke: { ...state.invoke, input: { ...input, ...filled } } };
}


/**
 * A node added while `fromId` is selected follows it: from its first free way out; or, when its
 * only way out already leads somewhere (the trigger's start, a node's out), in between — the
 * selected node leads to the new one and the new one to where it led.
 */
export function follow(canvas: Canvas, fromId: string | null, newId: string): Canvas {
  const slot = freeHandle(canvas, fromId, newId);
  if (slot) return connect(canvas, fromId!, slot, newId);
  const from = canvas.nodes.find((n) => n.id === fromId);
  const added = canvas.nodes.find((n) => n.id === newId);
  if (!from || !added || (from.parentId ?? null) !== (added.parentId ?? null)) return canvas;
  const outs = from.id === TRIGGER_ID ? ['initial'] : handlesOf(from.type, from.data.state).filter((h) => !h.error).map((h) => h.slot);
  if (outs.length !== 1) return canvas;
  const edge = canvas.edges.find((e) => e.source === from.id && e.data?.slot === outs[0]);
  if (!edge || edge.target === newId) return canvas;
  const linked = connect(canvas, from.id, outs[0], newId);
  const onward = freeHandle(linked, newId, edge.target);
  return onward ? connect(linked, newId, onward, edge.target) : linked;
}

/** Where a node added after `from` goes: below it, moved right past any node already there. */
export function placeAfter(nodes: FlowNode[], from: FlowNode): { x: number; y: number } {
  const top = nodes.filter((n) => !n.parentId && n.id !== from.id);
  const at = { x: from.position.x, y: from.position.y + NODE_HEIGHT + 66 };
  const overlaps = (p: { x: number; y: number }) => top.some((n) => Math.abs(n.position.x - p.x) < NODE_WIDTH + 20
    && Math.abs(n.position.y - p.y) < NODE_HEIGHT + 20);
  for (let i = 0; i < 50 && overlaps(at); i++) at.x += NODE_WIDTH + 40;
  return at;
}
