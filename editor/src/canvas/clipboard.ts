import type { Definition, JsonObject } from '../converters';
import { retarget, setSlot, transitionsOf } from '../converters';
import { descriptorOf, kindOf } from '../kinds';
import { isObject } from '../panels/values';

/** What the editor puts on the clipboard: states as a definition fragment, readable and pasteable elsewhere. */
export interface Copied {
  ovenStates: { [id: string]: JsonObject };
}


/**
 * The states to copy: the chosen top-level ones as the definition has them (containers, which
 * nest states of their own, are left out and named). Transitions keep their targets; pasting
 * decides which still lead somewhere.
 */
export function copyStates(definition: Definition, ids: string[]): { copied: Copied; skipped: string[] } {
  const copied: Copied = { ovenStates: {} };
  const skipped: string[] = [];
  for (const id of ids) {
    const state = definition.states[id];
    if (!state) continue;
    if (descriptorOf(kindOf(id, state)).nesting) {
      skipped.push(id);
      continue;
    }
    copied.ovenStates[id] = structuredClone(state);
  }
  return { copied, skipped };
}

/** The clipboard's text as copied states, or undefined when it holds something else. */
export function readCopied(text: string): Copied | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (!isObject(value) || !isObject(value.ovenStates)) return undefined;
    const states = Object.entries(value.ovenStates).filter(([id, s]) => /^[A-Za-z0-9_-]{1,64}$/.test(id) && isObject(s));
    if (states.length === 0 || states.length > 500) return undefined;
    return { ovenStates: Object.fromEntries(states) as Copied['ovenStates'] };
  } catch {
    return undefined;
  }
}

function freshId(id: string, taken: Set<string>): string {
  const base = id.replace(/Copy\d*$/, '').slice(0, 56) || 'state';
  for (let n = 1; ; n++) {
    const next = `${base}Copy${n === 1 ? '' : n}`;
    if (!taken.has(next)) return next;
  }
}

/**
 * The definition with the copied states added under new ids (`logCopy`, `logCopy2`, …), moved
 * by `offset`. A transition between two pasted states points at the copy; one to a state the
 * workflow has stays as it was (a duplicate leads where its original does); one to a state it
 * lacks (pasted from another workflow) is dropped.
 */
export function pasteStates(definition: Definition, copied: Copied, offset = { x: 40, y: 40 }): { definition: Definition; ids: string[] } {
  const taken = new Set(Object.keys(definition.states));
  const rename = new Map<string, string>();
  for (const id of Object.keys(copied.ovenStates)) {
    const next = freshId(id, taken);
    taken.add(next);
    rename.set(id, next);
  }
  const states = { ...definition.states };
  for (const [id, original] of Object.entries(copied.ovenStates)) {
    const state = structuredClone(original);
    for (const t of transitionsOf(state)) {
      const to = t.target === undefined ? undefined
        : rename.get(t.target) ?? (t.target in definition.states ? t.target : undefined);
      setSlot(state, t.slot, to === undefined ? undefined : retarget(t.value, to));
    }
    const meta = isObject(state.meta) ? state.meta : {};
    const at = isObject(meta.position) ? meta.position : { x: 0, y: 0 };
    state.meta = { ...meta, position: { x: Number(at.x) + offset.x, y: Number(at.y) + offset.y } };
    states[rename.get(id)!] = state;
  }
  return { definition: { ...definition, states }, ids: [...rename.values()] };
}
