import type { ComponentType } from 'react';
import type { JsonObject, Kind, Slot } from '../converters/model';
import type { PanelProps } from '../panels/types';

/** An outgoing handle of a node: one transition it can take. */
export interface HandleSpec {
  slot: Slot;
  label: string;
  /** error handles are drawn red. */
  error?: boolean;
}

/** A machine nested in a state: one parallel region (named) or a loop's body (no name). */
export interface Machine {
  region?: string;
  /** The region or loop object as written, without its states. */
  machine: JsonObject;
  states: Record<string, JsonObject>;
  initial?: string;
}

/**
 * Everything the editor knows of one kind of node, in one place: how a state is recognised as
 * it, its colour, its handles, what the palette drops, how it nests states, its inspector panel.
 */
export interface KindDescriptor {
  kind: Kind;
  title: string;
  color: string;
  /** The server's state kinds (`GET /api/state-kinds`) this kind draws. */
  serverKinds: string[];
  /**
   * Whether a state is of this kind; asked in registry order, so a kind is only asked when
   * the ones before it said no. `src` is the invoked node type, when the state invokes one.
   * Absent for kinds no state is written as (the trigger, a region).
   */
  recognises?: (state: JsonObject, src: string | undefined) => boolean;
  /** Whether a node type of the registry draws as this kind (its palette colour). */
  drawsNodeType?: (type: string) => boolean;
  /** Drawn as a frame around other states, not as a box. */
  group?: boolean;
  /** States may be dropped into it. */
  holdsStates?: boolean;
  /** The machines inside its state, and how to write them back. */
  nesting?: {
    machines(state: JsonObject): Machine[];
    write(state: JsonObject, machines: Machine[]): void;
  };
  /** Handles it has before its transitions (a loop's body). */
  leadingHandles?: HandleSpec[];
  /** Its handles, when they are not the transitions' (trigger, end, region). */
  handles?: (state: JsonObject) => HandleSpec[];
  /** Offered an error handle even when none is written: it can fail. */
  canFail?: boolean;
  /** The second line of its node. */
  subtitle: (state: JsonObject) => string;
  /** A quick-add palette entry and the state it starts as. */
  quickAdd?: { subtitle: string; baseId: string; template: (id: string) => JsonObject };
  /** What the inspector shows for it, besides the id, label, node inputs and run. */
  panel?: ComponentType<PanelProps>;
}

export function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The node type a state invokes, if it invokes one. */
export function invokedType(state: JsonObject): string | undefined {
  const invoke = isObject(state.invoke) ? state.invoke : undefined;
  return invoke ? String(invoke.src ?? invoke.type ?? '') : undefined;
}
