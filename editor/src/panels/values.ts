import type { Json, JsonObject } from '../converters/model';

export function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** How a value is typed in a field: strings as they are, anything else as JSON. */
export function showValue(value: Json | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What a typed text means: JSON when it reads as a number, boolean, null, object or array; else the text. */
export function readValue(text: string): Json | undefined {
  if (text === '') return undefined;
  if (/^\s*(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null|\{[\s\S]*\}|\[[\s\S]*\])\s*$/.test(text)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

/** A string input's text: kept as typed (a number typed into a name stays text), empty removes it. */
export function readText(text: string): Json | undefined {
  return text === '' ? undefined : text;
}

function isExpression(value: Json | undefined): boolean {
  return typeof value === 'string' && (value.startsWith('$.') || value === '$' || value.startsWith('$config.')
    || /^\{%[\s\S]*%\}$/.test(value.trim()));
}

/** A type problem of an input value, if any. */
export function typeProblem(type: string, value: Json | undefined): string | undefined {
  if (value === undefined || isExpression(value)) return undefined;
  const ok = (() => {
    switch (type) {
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number';
      case 'boolean': return typeof value === 'boolean';
      case 'object': return !!value && typeof value === 'object' && !Array.isArray(value);
      case 'array': return Array.isArray(value);
      case 'string': return typeof value === 'string';
      default: return true;
    }
  })();
  return ok ? undefined : `must be ${type === 'integer' ? 'an integer' : `a ${type}`} (or a $. expression)`;
}

/** A copy of the state with one key of its `field` object renamed, in place in the order. */
export function withRenamedKey(state: JsonObject, field: string, from: string, to: string): JsonObject {
  const copy = structuredClone(state);
  const entries = Object.entries(isObject(copy[field]) ? copy[field] as JsonObject : {});
  copy[field] = Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v]));
  return copy;
}
