import type { JsonObject, Kind } from '../converters';
import { descriptorOf } from '../kinds';

/** What the palette drops: a quick-add kind (see `kinds/`) or a node type from the registry. */
export type PaletteItem =
  | { kind: Exclude<Kind, 'trigger' | 'region' | 'api' | 'step' | 'transform' | 'emit'> }
  | { kind: 'node'; nodeType: string };

export const PALETTE_MIME = 'application/x-oven-palette';

/**
 * The state a palette item starts as: its kind's template (a parallel state starts with two
 * regions and a loop with a body, each ending at once: drop nodes into them), or an invoke of
 * the node type.
 */
export function stateFor(item: PaletteItem, id = 'state'): JsonObject {
  if (item.kind === 'node') return { invoke: { src: item.nodeType, input: {} } };
  const quickAdd = descriptorOf(item.kind).quickAdd;
  if (!quickAdd) throw new Error(`kind '${item.kind}' has no palette template`);
  return quickAdd.template(id);
}

/** A fresh state id for an item: `sessionsCreate`, `condition2`, …, unique among `taken`. */
export function newStateId(item: PaletteItem, taken: Set<string>): string {
  let base: string;
  if (item.kind === 'node') {
    const parts = item.nodeType.split('.').filter((p) => p !== 'core');
    base = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('').replace(/[^A-Za-z0-9_]/g, '');
  } else {
    base = descriptorOf(item.kind).quickAdd?.baseId ?? item.kind;
  }
  if (!base) base = 'state';
  base = base.slice(0, 60);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
