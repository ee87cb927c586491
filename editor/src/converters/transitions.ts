import type { Json, JsonObject, Slot } from './model';

/** One transition of a state: its slot, where it points, and how it was written. */
export interface Transition {
  slot: Slot;
  target: string | undefined;
  value: Json;
}

function targetOf(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.target === 'string') return value.target;
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Every transition of a state, in the order they are written (loops' and regions' inner ones excluded). */
export function transitionsOf(state: JsonObject): Transition[] {
  const out: Transition[] = [];
  const invoke = isObject(state.invoke) ? state.invoke : undefined;
  for (const [slot, value] of [
    ['invoke.onDone', invoke?.onDone], ['invoke.onError', invoke?.onError],
    ['onDone', state.onDone], ['onError', state.onError],
  ] as const) {
    if (value !== undefined) out.push({ slot, target: targetOf(value as Json), value: value as Json });
  }
  if (Array.isArray(state.always)) {
    state.always.forEach((entry, i) => out.push({ slot: `always.${i}`, target: targetOf(entry), value: entry }));
  } else if (state.always !== undefined) {
    out.push({ slot: 'always', target: targetOf(state.always), value: state.always });
  }
  if (isObject(state.on)) {
    for (const [name, value] of Object.entries(state.on)) {
      out.push({ slot: `on.${name}`, target: targetOf(value), value });
    }
  }
  if (isObject(state.after)) {
    for (const [ms, value] of Object.entries(state.after)) {
      out.push({ slot: `after.${ms}`, target: targetOf(value), value });
    }
  }
  return out;
}

/** The value to write for a transition retargeted to `target`, keeping how it was written. */
export function retarget(value: Json | undefined, target: string): Json {
  return isObject(value) ? { ...value, target } : target;
}

/** The transition written at a slot of the state, if any. */
export function getSlot(state: JsonObject, slot: Slot): Json | undefined {
  if (slot === 'invoke.onDone' || slot === 'invoke.onError') {
    return isObject(state.invoke) ? state.invoke[slot.slice('invoke.'.length)] : undefined;
  }
  if (slot === 'onDone' || slot === 'onError' || slot === 'always') return state[slot];
  if (slot.startsWith('always.')) {
    return Array.isArray(state.always) ? state.always[Number(slot.slice('always.'.length))] : undefined;
  }
  if (slot.startsWith('after.')) return isObject(state.after) ? state.after[slot.slice('after.'.length)] : undefined;
  if (slot.startsWith('on.')) return isObject(state.on) ? state.on[slot.slice('on.'.length)] : undefined;
  return undefined;
}

/**
 * Writes (or, with undefined, removes) the transition at a slot, in place. Removing an `always`
 * entry keeps the entry and its guard without a target, so a dropped edge never drops a guard.
 */
export function setSlot(state: JsonObject, slot: Slot, value: Json | undefined): void {
  if (slot === 'invoke.onDone' || slot === 'invoke.onError') {
    if (!isObject(state.invoke)) {
      if (value === undefined) return;
      state.invoke = {};
    }
    const invoke = state.invoke as JsonObject;
    const key = slot.slice('invoke.'.length);
    if (value === undefined) delete invoke[key]; else invoke[key] = value;
  } else if (slot === 'onDone' || slot === 'onError' || slot === 'always') {
    if (value === undefined) delete state[slot]; else state[slot] = value;
  } else if (slot.startsWith('always.')) {
    const index = Number(slot.slice('always.'.length));
    const always = Array.isArray(state.always) ? state.always : (state.always = []);
    if (value === undefined) {
      const entry = always[index];
      if (isObject(entry)) delete entry.target;
    } else {
      while (always.length < index) always.push({});
      always[index] = value;
    }
  } else if (slot.startsWith('on.')) {
    const name = slot.slice('on.'.length);
    if (value === undefined) {
      // The name stays, without a target: a dropped edge never drops what the state waits for.
      if (isObject(state.on) && name in state.on) state.on[name] = '';
    } else {
      const on = isObject(state.on) ? state.on : (state.on = {});
      on[name] = value;
    }
  } else if (slot.startsWith('after.')) {
    const ms = slot.slice('after.'.length);
    if (value === undefined) {
      if (isObject(state.after)) delete state.after[ms];
    } else {
      const after = isObject(state.after) ? state.after : (state.after = {});
      after[ms] = value;
    }
  }
}
