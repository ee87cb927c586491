import type { JsonObject, Kind, Slot } from '../converters';
import { transitionsOf } from '../converters';
import { descriptorOf } from '../kinds';
import type { HandleSpec } from '../kinds';

export type { HandleSpec } from '../kinds';

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A guard in a few words: `level > 3`, `{% … %}`, `else`. */
export function guardLabel(entry: unknown): string {
  if (!isObject(entry) || !isObject(entry.guard)) return 'else';
  const guard = entry.guard;
  const params = isObject(guard.params) ? guard.params : {};
  if (guard.type === 'jsonata') return `{% ${String(params.expr ?? '')} %}`;
  const value = params.value === undefined ? '' : ` ${JSON.stringify(params.value)}`;
  return `${String(params.key ?? '?')} ${String(params.operator ?? '==')}${value}`;
}

/** The outgoing handles a state's node has: one per transition it can take (its kind may say otherwise). */
export function handlesOf(kind: Kind, state: JsonObject): HandleSpec[] {
  const descriptor = descriptorOf(kind);
  if (descriptor.handles) return descriptor.handles(state);
  const handles: HandleSpec[] = [...(descriptor.leadingHandles ?? [])];
  const slots = transitionsOf(state).map((t) => t.slot);
  const has = (slot: Slot) => slots.includes(slot);
  const invoke = isObject(state.invoke);
  const always = state.always !== undefined;
  const after = isObject(state.after);
  const on = isObject(state.on);
  // Done: where it was written, else inside invoke for a node, else on the state.
  if (has('onDone')) handles.push({ slot: 'onDone', label: 'out' });
  else if (has('invoke.onDone') || (invoke && !always)) handles.push({ slot: 'invoke.onDone', label: 'out' });
  else if (!invoke && !always && !after && !on) handles.push({ slot: 'onDone', label: 'out' });
  if (on) {
    for (const name of Object.keys(state.on as JsonObject)) handles.push({ slot: `on.${name}`, label: name });
  }
  if (Array.isArray(state.always)) {
    state.always.forEach((entry, i) => handles.push({ slot: `always.${i}`, label: guardLabel(entry) }));
  } else if (always) {
    handles.push({ slot: 'always', label: 'then' });
  }
  if (after) {
    for (const ms of Object.keys(state.after as JsonObject)) handles.push({ slot: `after.${ms}`, label: `${ms} ms` });
  }
  if (has('onError')) handles.push({ slot: 'onError', label: 'error', error: true });
  else if (invoke || has('invoke.onError') || descriptor.canFail) {
    handles.push({ slot: invoke ? 'invoke.onError' : 'onError', label: 'error', error: true });
  }
  return handles;
}
