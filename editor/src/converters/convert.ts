import type { Definition, Graph, GraphEdge, GraphNode, Json, JsonObject, Slot } from './model';
import { REGION_SEPARATOR, TRIGGER_ID } from './model';
import { descriptorOf, kindOf } from '../kinds';
import type { Machine } from '../kinds';
import { directionOf, layout, NODE_HEIGHT, NODE_WIDTH } from './layout';
import type { Direction } from './layout';
import { getSlot, retarget, setSlot, transitionsOf } from './transitions';

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The machines nested in a state (a parallel's regions, a loop's body), as its kind reads them. */
function machinesOf(id: string, state: JsonObject): Machine[] {
  return descriptorOf(kindOf(id, state)).nesting?.machines(state) ?? [];
}

/** Every state id of a definition, nested machines' included. */
function stateIds(states: { [id: string]: JsonObject }, into = new Set<string>()): Set<string> {
  for (const [id, state] of Object.entries(states ?? {})) {
    into.add(id);
    for (const machine of machinesOf(id, state)) stateIds(machine.states, into);
  }
  return into;
}

function edge(source: string, slot: Slot, target: string, value: Json): GraphEdge {
  return { id: `${source}:${slot}`, source, target, sourceHandle: slot, data: { slot, value } };
}

/**
 * A definition as a graph: one node per state (a kind that nests machines holds their states:
 * a parallel's regions as frames of their own, a loop's body in its frame), one edge per
 * transition, a trigger node pointing at `initial`.
 * States without a stored position (`meta.position`) are laid out automatically.
 */
export function toGraph(definition: Definition): Graph {
  const { states, ...workflow } = definition;
  const ids = stateIds(states);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const missing = new Set<string>();

  const addStates = (level: { [id: string]: JsonObject }, parentId: string | undefined) => {
    for (const [id, state] of Object.entries(level ?? {})) {
      const kind = kindOf(id, state);
      const meta = isObject(state.meta) ? state.meta : undefined;
      const position = isObject(meta?.position) ? meta!.position as { x: number; y: number } : undefined;
      if (!position) missing.add(id);
      const node: GraphNode = {
        id, type: kind, position: position ? { x: Number(position.x), y: Number(position.y) } : { x: 0, y: 0 },
        data: { stateId: id, state, slots: [] },
        // States in a group may be dragged out of it (and others in): no extent; regions stay in their parallel state.
        ...(parentId ? { parentId } : {}),
      };
      nodes.push(node);
      for (const machine of descriptorOf(kind).nesting?.machines(state) ?? []) {
        // A named machine (a region) is a frame inside the state; an unnamed one (a body) is the state's own frame.
        const holder = machine.region !== undefined ? `${id}${REGION_SEPARATOR}${machine.region}` : id;
        if (machine.region !== undefined) {
          missing.add(holder);
          nodes.push({ id: holder, type: 'region', position: { x: 0, y: 0 }, parentId: id, extent: 'parent',
            data: { stateId: holder, state: machine.machine, slots: ['start'], region: machine.region } });
        }
        addStates(machine.states, holder);
        if (machine.initial !== undefined && ids.has(machine.initial)) {
          edges.push(edge(holder, 'start', machine.initial, machine.initial));
          if (holder === id) node.data.slots.push('start');
        }
      }
      for (const t of transitionsOf(state)) {
        if (t.target !== undefined && ids.has(t.target)) {
          edges.push(edge(id, t.slot, t.target, t.value));
          node.data.slots.push(t.slot);
        }
      }
    }
  };
  addStates(states, undefined);

  const initial = typeof workflow.initial === 'string' ? workflow.initial : undefined;
  nodes.unshift({ id: TRIGGER_ID, type: 'trigger', position: { x: 0, y: 0 },
    data: { stateId: TRIGGER_ID, state: {}, slots: ['initial'] } });
  if (initial && ids.has(initial)) edges.unshift(edge(TRIGGER_ID, 'initial', initial, initial));

  // Always through layout: it sizes groups around their children, and places only what has no position.
  const direction = directionOf(workflow);
  let laidOut = layout(nodes, edges, true, missing, direction);
  laidOut = placeTrigger(laidOut, initial, direction);
  return { nodes: laidOut, edges, workflow };
}

/** The trigger sits above the initial state (its place is not stored). */
export function placeTrigger(nodes: GraphNode[], initial: string | undefined, direction: Direction = 'TB'): GraphNode[] {
  const first = nodes.find((n) => n.id === initial && !n.parentId) ?? nodes.find((n) => n.id !== TRIGGER_ID && !n.parentId);
  const before = (p: { x: number; y: number }) => (direction === 'LR'
    ? { x: p.x - NODE_WIDTH - 90, y: p.y } : { x: p.x, y: p.y - NODE_HEIGHT - 50 });
  return nodes.map((n) => (n.id === TRIGGER_ID
    ? { ...n, position: first ? before(first.position) : { x: 0, y: 0 } }
    : n));
}

/**
 * The graph as a definition: each node's state as written, with the transitions its edges
 * now say (a deleted edge removes its transition) and its position in `meta.position`.
 */
export function toDefinition(graph: Graph): Definition {
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = outgoing.get(e.source) ?? [];
    list.push(e);
    outgoing.set(e.source, list);
  }
  const childrenOf = (parentId: string | undefined) =>
    graph.nodes.filter((n) => n.parentId === parentId && n.id !== TRIGGER_ID);
  const start = (node: GraphNode) => (outgoing.get(node.id) ?? []).find((e) => e.data.slot === 'start')?.target;

  const level = (parentId: string | undefined): { [id: string]: JsonObject } =>
    Object.fromEntries(childrenOf(parentId).map((n) => [n.data.stateId, build(n)]));

  const build = (node: GraphNode): JsonObject => {
    const state: JsonObject = structuredClone(node.data.state);
    const edges = (outgoing.get(node.id) ?? []).filter((e) => e.data.slot !== 'start');
    const slots = new Set<Slot>([...node.data.slots.filter((s) => s !== 'start'), ...edges.map((e) => e.data.slot)]);
    for (const slot of slots) {
      const e = edges.find((x) => x.data.slot === slot);
      setSlot(state, slot, e ? retarget(getSlot(node.data.state, slot) ?? e.data.value, e.target) : undefined);
    }
    const nesting = descriptorOf(node.type).nesting;
    if (nesting) {
      // What the canvas holds now: each region frame's states, or the states in the node's own frame.
      const regions = childrenOf(node.id).filter((child) => child.type === 'region');
      const machines: Machine[] = regions.length > 0
        ? regions.map((r) => ({ region: r.data.region ?? r.id, machine: structuredClone(r.data.state), states: level(r.id),
          initial: start(r) }))
        : [{ machine: {}, states: level(node.id), initial: start(node) }];
      nesting.write(state, machines);
    }
    const meta = isObject(state.meta) ? state.meta : {};
    state.meta = { ...meta, position: { x: Math.round(node.position.x), y: Math.round(node.position.y) } };
    return state;
  };

  const definition: Definition = { ...structuredClone(graph.workflow), states: level(undefined) };
  const initial = (outgoing.get(TRIGGER_ID) ?? []).find((e) => e.data.slot === 'initial')?.target;
  if (initial !== undefined) definition.initial = initial;
  else delete definition.initial;
  return definition;
}
