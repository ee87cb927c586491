import type { JsonObject } from '../converters';

/** What the palette drops: a quick-add kind or a node type from the registry. */
export type PaletteItem =
  | { kind: 'condition' | 'delay' | 'end' }
  | { kind: 'node'; nodeType: string };

export const PALETTE_MIME = 'application/x-oven-palette';

/** The state a palette item starts as. */
export function stateFor(item: PaletteItem): JsonObject {
  switch (item.kind) {
    case 'condition':
      return { always: [{ guard: { type: 'condition', params: { key: 'result', operator: '==', value: true } } }, {}] };
    case 'delay':
      return { after: { 2000: '' } };
    case 'end':
      return { type: 'final' };
    case 'node':
      return { invoke: { src: item.nodeType, input: {} } };
  }
}

/** A fresh state id for an item: `sessionsCreate`, `condition2`, …, unique among `taken`. */
export function newStateId(item: PaletteItem, taken: Set<string>): string {
  let base: string;
  if (item.kind === 'node') {
    const parts = item.nodeType.split('.').filter((p) => p !== 'core');
    base = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('').replace(/[^A-Za-z0-9_]/g, '');
  } else {
    base = item.kind === 'delay' ? 'wait' : item.kind === 'end' ? 'done' : 'condition';
  }
  if (!base) base = 'state';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
