import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDefinition, toGraph } from './convert';
import { kindOf } from '../kinds';
import type { Definition, JsonObject } from './model';
import { TRIGGER_ID } from './model';

const ROOT = join(__dirname, '..', '..', '..');

function definitionsIn(dir: string, unwrap: (json: JsonObject) => JsonObject | undefined): [string, Definition][] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => {
    const json = JSON.parse(readFileSync(join(dir, f), 'utf8')) as JsonObject;
    return [f, unwrap(json) as Definition];
  });
}

const valid = definitionsIn(join(ROOT, 'src/test/resources/workflows/valid'), (j) => j);
const seeded = definitionsIn(join(ROOT, 'src/main/resources/seed-workflows'), (j) => (j.definition ?? j) as JsonObject);
const conformance = [
  ...definitionsIn(join(ROOT, 'src/test/resources/workflows/conformance'), (j) => j.definition as JsonObject),
  ...definitionsIn(join(ROOT, 'src/test/resources/workflows/oven'), (j) => j.definition as JsonObject),
];

/** The definition without the positions the round trip added where `original` had none. */
function withoutAddedPositions(result: unknown, original: unknown): unknown {
  if (Array.isArray(result)) return result.map((r, i) => withoutAddedPositions(r, (original as unknown[])?.[i]));
  if (!result || typeof result !== 'object') return result;
  const out: JsonObject = {};
  const o = (original ?? {}) as JsonObject;
  for (const [k, v] of Object.entries(result as JsonObject)) {
    if (k === 'meta' && v && typeof v === 'object' && !Array.isArray(v)) {
      const meta = { ...(v as JsonObject) };
      const originalMeta = o.meta as JsonObject | undefined;
      if (!originalMeta || !('position' in originalMeta)) delete meta.position;
      if (!originalMeta && Object.keys(meta).length === 0) continue;
      out[k] = withoutAddedPositions(meta, originalMeta) as JsonObject;
    } else {
      out[k] = withoutAddedPositions(v, o[k]) as JsonObject;
    }
  }
  return out;
}

describe.each([
  ['valid fixture', valid],
  ['seeded workflow', seeded],
  ['conformance fixture', conformance],
])('%s', (_, cases) => {
  it.each(cases)('%s round-trips to an equal definition', (_file, definition) => {
    const once = toDefinition(toGraph(definition));
    expect(withoutAddedPositions(once, definition)).toEqual(definition);
    // With its positions stored, a second trip changes nothing at all.
    expect(toDefinition(toGraph(once))).toEqual(once);
  });
});

describe('toGraph', () => {
  const branching = valid.find(([f]) => f === 'branching.json')![1];

  it('lays out a definition without positions, every node apart', () => {
    const graph = toGraph(branching);
    const top = graph.nodes.filter((n) => !n.parentId && n.id !== TRIGGER_ID);
    const spots = new Set(top.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(top.length);
    expect(top.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
  });

  it('keeps stored positions as they are', () => {
    const positioned = toDefinition(toGraph(branching));
    const graph = toGraph(positioned);
    for (const [id, state] of Object.entries(positioned.states)) {
      const node = graph.nodes.find((n) => n.id === id)!;
      expect(node.position).toEqual((state.meta as JsonObject).position);
    }
  });

  it('points the trigger at the initial state', () => {
    const graph = toGraph(branching);
    expect(graph.edges.find((e) => e.source === TRIGGER_ID)?.target).toBe(branching.initial);
  });

  it('puts parallel regions and loop bodies inside their groups', () => {
    const parallel = toGraph(valid.find(([f]) => f === 'parallel-join.json')![1]);
    expect(parallel.nodes.find((n) => n.id === 'l1')?.parentId).toBe('fork::left');
    expect(parallel.nodes.find((n) => n.id === 'fork::left')?.parentId).toBe('fork');
    expect(parallel.nodes.find((n) => n.id === 'fork')?.style?.width).toBeGreaterThan(200);
    const loop = toGraph(valid.find(([f]) => f === 'for-each-batches.json')![1]);
    expect(loop.nodes.find((n) => n.id === 'square')?.parentId).toBe('each');
    expect(loop.edges.find((e) => e.source === 'each' && e.data.slot === 'start')?.target).toBe('square');
  });
});

describe('editing the graph', () => {
  const branching = valid.find(([f]) => f === 'branching.json')![1];

  it('a deleted edge removes its transition, a new edge adds one', () => {
    const graph = toGraph(branching);
    const [first] = graph.edges.filter((e) => e.source !== TRIGGER_ID && e.data.slot.endsWith('onDone'));
    const rest = graph.edges.filter((e) => e !== first);
    const withoutEdge = toDefinition({ ...graph, edges: rest });
    const source = withoutEdge.states[first.source];
    expect(JSON.stringify(source)).not.toContain(`"${first.target}"`);

    const target = Object.keys(branching.states).find((id) => id !== first.source)!;
    const rewired = toDefinition({ ...graph, edges: [...rest, { ...first, target }] });
    expect(JSON.stringify(rewired.states[first.source])).toContain(`"${target}"`);
  });

  it('a dropped branch of a condition keeps its guard', () => {
    const definition: Definition = {
      initial: 'check',
      states: {
        check: { always: [{ guard: { params: { key: 'a', operator: '>', value: 1 } }, target: 'big' }, { target: 'small' }] },
        big: { type: 'final' },
        small: { type: 'final' },
      },
    };
    const graph = toGraph(definition);
    const result = toDefinition({ ...graph, edges: graph.edges.filter((e) => e.data.slot !== 'always.0') });
    expect((result.states.check.always as JsonObject[])[0]).toEqual({ guard: { params: { key: 'a', operator: '>', value: 1 } } });
  });
});

describe('kindOf', () => {
  it('tells each node kind apart', () => {
    expect(kindOf('a', { type: 'final' })).toBe('end');
    expect(kindOf('a', { type: 'parallel', states: {} })).toBe('parallel');
    expect(kindOf('a', { loop: { type: 'while' } })).toBe('loop');
    expect(kindOf('a', { invoke: { src: 'sessions.create' } })).toBe('api');
    expect(kindOf('a', { invoke: { src: 'core.transform' } })).toBe('transform');
    expect(kindOf('a', { invoke: { src: 'core.emit' } })).toBe('emit');
    expect(kindOf('a', { invoke: { src: 'core.delay' } })).toBe('delay');
    expect(kindOf('a', { after: { 1000: 'b' } })).toBe('delay');
    expect(kindOf('a', { always: [{ target: 'b' }] })).toBe('condition');
  });
  it('fails loudly on a state it cannot place', () => {
    expect(() => kindOf('weird', { something: 1 })).toThrow(/weird/);
  });
});
