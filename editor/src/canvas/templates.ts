import type { JsonObject } from '../converters';

/** What the palette drops: a quick-add kind or a node type from the registry. */
export type PaletteItem =
  | { kind: 'condition' | 'delay' | 'end' | 'parallel' | 'loop' }
  | { kind: 'node'; nodeType: string };

export const PALETTE_MIME = 'application/x-oven-palette';

/**
 * The state a palette item starts as. A parallel state starts with two regions and a loop with
 * a body, each ending at once (`<id>Left`, `<id>Right`, `<id>Body`): drop nodes into them.
 */
export function stateFor(item: PaletteItem, id = 'state'): JsonObject {
  switch (item.kind) {
    case 'parallel':
      return { type: 'parallel', states: {
        left: { initial: `${id}Left`, states: { [`${id}Left`]: { type: 'final' } } },
        right: { initial: `${id}Right`, states: { [`${id}Right`]: { type: 'final' } } } } };
    case 'loop':
      return { loop: { type: 'forEach', collection: '$.items', itemVariable: 'item', indexVariable: 'index',
        maxIterations: 100, bodyInitial: `${id}Body`, bodyStates: { [`${id}Body`]: { type: 'final' } } } };
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
    base = item.kind === 'delay' ? 'wait' : item.kind === 'end' ? 'done' : item.kind;
  }
  if (!base) base = 'state';
  base = base.slice(0, 60);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
