import type { Graph, JsonObject } from '../converters';
import { TRIGGER_ID } from '../converters';

export interface Variable {
  path: string;
  from: string;
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The `$.` paths a node can read: the payload (payloadSchema, and the trigger event's payload
 * fields), the context defaults, what each
 * state that can run before it put in the context (`<state>_output`, its output fields, its
 * `outputKey`), and `$config.` keys.
 */
export function variablesAt(graph: Graph, nodeId: string, outputsOf: (nodeType: string) => string[],
  configKeys: string[] = [], eventFields: string[] = []): Variable[] {
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
    for (const name of outputsOf(src)) if (/^[A-Za-z0-9_]+$/.test(name)) push(`$.${name}`, node.data.stateId);
  }
  for (const key of configKeys) push(`$config.${key}`, 'config');
  return out;
}
