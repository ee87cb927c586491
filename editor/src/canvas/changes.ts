import type { Definition, Json } from '../converters';
import { isObject } from '../panels/values';

/** How the canvas differs from the saved version: not at all, only where nodes sit, or in what runs. */
export type Changes = 'none' | 'layout' | 'logic';


/** A value as text with its keys sorted; with `layout` false, every `meta.position` left out. */
function key(value: Json | undefined, layout: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => key(v, layout)).join(',')}]`;
  if (!isObject(value)) return JSON.stringify(value ?? null);
  const parts: string[] = [];
  for (const k of Object.keys(value).sort()) {
    let v = value[k];
    if (v === undefined) continue;
    if (!layout && k === 'meta' && isObject(v)) {
      const { position: _position, ...rest } = v;
      if (Object.keys(rest).length === 0) continue;
      v = rest;
    }
    parts.push(`${JSON.stringify(k)}:${key(v, layout)}`);
  }
  return `{${parts.join(',')}}`;
}

/** What changed between the saved definition (and trigger) and the canvas's; key order never counts. */
export function changesBetween(saved: { definition: Definition; trigger: string }, now: { definition: Definition; trigger: string }): Changes {
  if (saved.trigger.trim() !== now.trigger.trim()) return 'logic';
  const a = saved.definition as unknown as Json;
  const b = now.definition as unknown as Json;
  if (key(a, false) !== key(b, false)) return 'logic';
  return key(a, true) === key(b, true) ? 'none' : 'layout';
}
