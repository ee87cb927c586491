import type { JsonObject, Kind } from './model';

/** What a state draws as. Fails loudly on a state it cannot place, naming it. */
export function kindOf(stateId: string, state: JsonObject): Kind {
  if (state.type === 'final') return 'end';
  if (state.type === 'parallel') return 'parallel';
  if (state.loop && typeof state.loop === 'object') return 'loop';
  const invoke = state.invoke && typeof state.invoke === 'object' && !Array.isArray(state.invoke) ? state.invoke : null;
  if (invoke) {
    const src = String(invoke.src ?? invoke.type ?? '');
    if (src === 'core.delay') return 'delay';
    if (src === 'core.condition') return 'condition';
    if (src === 'core.transform' || src === 'core.setVariable') return 'transform';
    if (src === 'core.emit') return 'emit';
    return src.startsWith('core.') ? 'step' : 'api';
  }
  if (state.after) return 'delay';
  if (state.always) return 'condition';
  if (state.onDone || state.meta || Object.keys(state).length === 0) return 'step';
  throw new Error(`state '${stateId}' is neither invoke, always, after, final, parallel nor loop`);
}

/** Colours of DESIGN §9: trigger green, API blue, condition orange, transform purple, emit pink, delay grey, end red. */
export const KIND_COLORS: Record<Kind, string> = {
  trigger: '#2e7d32',
  api: '#1565c0',
  condition: '#ef6c00',
  transform: '#7b1fa2',
  emit: '#c2185b',
  delay: '#616161',
  end: '#c62828',
  parallel: '#37474f',
  region: '#78909c',
  loop: '#00695c',
  step: '#455a64',
};
