import type { Graph, JsonObject } from '../converters';
import { TRIGGER_ID } from '../converters';

export interface Variable {
  path: string;
  /** The node (or payload, context, config) it comes from: the picker's group. */
  from: string;
  /** How deep under a top-level variable it sits (0: the variable itself). */
  depth?: number;
  /** The value the last run had there, in a few characters. */
  sample?: string;
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The `$.` paths a node can read: the payload (payloadSchema, and the trigger event's payload
 * fields), the context defaults, what each
 * state that can run before it put in the context (`<state>_output`, its output fields, its
 * `outputKey`), and `$config.` keys. With `includeSelf`, the node's own output too: its branches
 * test what it answered.
 */
export function variablesAt(graph: Graph, nodeId: string, outputsOf: (nodeType: string) => string[],
  configKeys: string[] = [], eventFields: string[] = [], includeSelf = false): Variable[] {
  const out: Variable[] = [];
  const seen = new Set<string>();
  const push = (path: string, from: string) => {
    if (!seen.has(path)) {
      seen.add(path);
      out.push({ path, from });
    }
  };
  const schema = graph.workflow.payloadSchema;
  if (Array.isArray(schema)) {
    for (const field of schema) if (isObject(field) && typeof field.name === 'string') push(`$.${field.name}`, 'payload');
  }
  // A workflow started by an event gets its payload as params.
  for (const field of eventFields) push(`$.${field}`, 'trigger event');
  if (isObject(graph.workflow.context)) {
    for (const key of Object.keys(graph.workflow.context)) push(`$.${key}`, 'context');
  }
  // Everything upstream: states with a path of edges to this node (containers count as their children's way in).
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const parents = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const upstream = new Set<string>();
  const queue = [nodeId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const sources = [...(incoming.get(id) ?? [])];
    const parent = parents.get(id);
    if (parent) sources.push(parent);
    for (const s of sources) {
      if (!upstream.has(s) && s !== nodeId) {
        upstream.add(s);
        queue.push(s);
      }
    }
  }
  if (includeSelf) upstream.add(nodeId);
  for (const node of graph.nodes) {
    if (!upstream.has(node.id) || node.id === TRIGGER_ID || node.type === 'region') continue;
    const invoke = isObject(node.data.state.invoke) ? node.data.state.invoke : undefined;
    if (!invoke) continue;
    push(`$.${node.data.stateId}_output`, node.data.stateId);
    if (typeof invoke.outputKey === 'string') push(`$.${invoke.outputKey}`, node.data.stateId);
    const src = String(invoke.src ?? invoke.type ?? '');
    const input = isObject(invoke.input) ? invoke.input : {};
    // core.setVariable writes the variable its `name` input says.
    if (src === 'core.setVariable' && typeof input.name === 'string' && input.name) push(`$.${input.name}`, node.data.stateId);
    // core.transform puts each key of its mapping in the context.
    if (src === 'core.transform' && isObject(input.mapping)) {
      for (const key of Object.keys(input.mapping)) if (/^[A-Za-z0-9_]+$/.test(key)) push(`$.${key}`, node.data.stateId);
    }
    for (const name of outputsOf(src)) if (/^[A-Za-z0-9_]+$/.test(name)) push(`$.${name}`, node.data.stateId);
  }
  for (const key of configKeys) push(`$config.${key}`, 'config');
  return out;
}

const FIELD = /^[A-Za-z0-9_-]+$/;

function sampleOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (isObject(value)) return '{…}';
  const text = JSON.stringify(value) ?? '';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The variables with what the last run's context held under them: nested fields (objects by
 * key, arrays by their first element and `length`) a few levels deep, each right after its
 * parent, and the context's other top-level keys under "last run". At most `limit` entries.
 */
export function withRunFields(variables: Variable[], context: unknown, limit = 400, maxDepth = 3): Variable[] {
  if (!isObject(context)) return variables;
  const out: Variable[] = [];
  const seen = new Set<string>();
  const walk = (path: string, from: string, value: unknown, depth: number) => {
    if (out.length >= limit || depth > maxDepth) return;
    const children: [string, unknown][] = Array.isArray(value)
      ? [...(value.length > 0 ? [['0', value[0]] as [string, unknown]] : []), ['length', value.length]]
      : isObject(value) ? Object.entries(value).filter(([k]) => FIELD.test(k)) : [];
    for (const [key, child] of children) {
      const at = `${path}.${key}`;
      if (seen.has(at) || out.length >= limit) continue;
      seen.add(at);
      out.push({ path: at, from, depth, sample: sampleOf(child) });
      walk(at, from, child, depth + 1);
    }
  };
  for (const v of variables) {
    if (seen.has(v.path)) continue;
    seen.add(v.path);
    const name = v.path.startsWith('$.') ? v.path.slice(2) : undefined;
    const value = name !== undefined && FIELD.test(name) ? context[name] : undefined;
    out.push(value === undefined ? v : { ...v, sample: sampleOf(value) });
    if (value !== undefined) walk(v.path, v.from, value, 1);
  }
  for (const [key, value] of Object.entries(context)) {
    const path = `$.${key}`;
    if (!FIELD.test(key) || seen.has(path) || out.length >= limit) continue;
    seen.add(path);
    out.push({ path, from: 'last run', depth: 0, sample: sampleOf(value) });
    walk(path, 'last run', value, 1);
  }
  return out;
}
