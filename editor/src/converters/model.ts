/** The definition format (DESIGN §3) as the editor sees it, and the graph it becomes. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Definition extends JsonObject {
  states: { [id: string]: JsonObject };
}

/** What a node draws as; picks its colour and handles. */
export type Kind =
  | 'trigger' | 'api' | 'transform' | 'emit' | 'condition' | 'delay' | 'wait' | 'end' | 'parallel' | 'region' | 'loop'
  | 'step';

/**
 * A transition slot: where in a state a target lives. `onDone`, `onError`, `invoke.onDone`,
 * `invoke.onError`, `always` (one transition), `always.<i>` (an entry of the array),
 * `after.<ms>`, `on.<signal or event name>`; for containers `start` (the region's `initial` / the loop's `bodyInitial`),
 * and `initial` on the trigger.
 */
export type Slot = string;

export interface StateNodeData extends Record<string, unknown> {
  /** The state id (unique across the whole definition, regions and loop bodies included). */
  stateId: string;
  /** The state as written, children and transitions included; edges override the transitions. */
  state: JsonObject;
  /** Slots shown as edges when the graph was made: a missing edge for one of them means it was deleted. */
  slots: Slot[];
  /** For a region: its name within the parallel state. */
  region?: string;
  /** Problems the service reported for this state (from Save or Validate). */
  problems?: string[];
  /** Live run status (execution overlay). */
  status?: string;
  /** What a condition decided in the run on the canvas, in a few words. */
  outcome?: string;
}

export interface GraphNode {
  id: string;
  type: Kind;
  position: { x: number; y: number };
  parentId?: string;
  extent?: 'parent';
  data: StateNodeData;
  style?: { width: number; height: number };
  /** Set on a definition's nodes that had no stored position (laid out automatically). */
  measured?: { width?: number; height?: number };
}

export interface EdgeData extends Record<string, unknown> {
  slot: Slot;
  /** The transition as written (`"target"` or `{ target, … }`, an `always` entry with its guard). */
  value: Json;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle: Slot;
  targetHandle?: string;
  label?: string;
  data: EdgeData;
  problems?: string[];
}

/** A definition as a graph: its states as nodes, its transitions as edges, the rest kept aside. */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Every top-level key but `states`, as written (id, initial, context, payloadSchema, unknown keys). */
  workflow: JsonObject;
}

export const TRIGGER_ID = '__trigger';
export const REGION_SEPARATOR = '::';
