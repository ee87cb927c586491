import { describe, expect, it } from 'vitest';
import { toGraph } from '../converters';
import type { Definition } from '../converters';
import { guardLabel, handlesOf } from './handles';
import { placeProblems } from './problems';
import { variablesAt } from './variables';

const definition: Definition = {
  initial: 'get',
  payloadSchema: [{ name: 'playerId', type: 'number', required: true }],
  context: { attempts: 0 },
  states: {
    get: { invoke: { src: 'sessions.getActive', input: { playerId: '$.playerId' }, onDone: 'check', onError: 'failed' } },
    check: { always: [{ guard: { params: { key: '0', operator: 'exists' } }, target: 'end' }, { target: 'make' }] },
    make: { invoke: { src: 'sessions.create', input: { playerId: '$.playerId' }, outputKey: 'session' }, always: 'done' },
    end: { after: { 2000: 'done' } },
    failed: { type: 'final' },
    done: { type: 'final' },
  },
};

describe('handlesOf', () => {
  it('gives an API call out and error', () => {
    expect(handlesOf('api', definition.states.get).map((h) => h.label)).toEqual(['out', 'error']);
  });
  it('gives a condition one handle per branch, named by its guard', () => {
    expect(handlesOf('condition', definition.states.check).map((h) => h.label)).toEqual(['0 exists', 'else']);
  });
  it('gives a delay its wait and an end nothing', () => {
    expect(handlesOf('delay', definition.states.end).map((h) => h.slot)).toEqual(['after.2000']);
    expect(handlesOf('end', definition.states.done)).toEqual([]);
  });
  it('uses a node with always for its way out', () => {
    expect(handlesOf('api', definition.states.make).map((h) => h.slot)).toEqual(['always', 'invoke.onError']);
  });
  it('writes guards in a few words', () => {
    expect(guardLabel({ guard: { params: { key: 'level', operator: '>', value: 3 } } })).toBe('level > 3');
    expect(guardLabel({ guard: { type: 'jsonata', params: { expr: 'a > 1' } } })).toBe('{% a > 1 %}');
  });
});

describe('placeProblems', () => {
  it('puts a problem on its state and on the transition it names', () => {
    const graph = toGraph(definition);
    const placed = placeProblems(graph, [
      { path: '/states/check/always/1/target', message: "unknown target 'nowhere'" },
      { path: '/states/get/invoke/src', message: 'unknown node type' },
      { path: '/initial', message: 'no such state' },
    ]);
    // A condition's problem names its branch (the guard editor shows it there).
    expect(placed.nodes.get('check')).toEqual(["branch 2: unknown target 'nowhere'"]);
    expect(placed.edges.get('check:always.1')).toEqual(["branch 2: unknown target 'nowhere'"]);
    expect(placed.nodes.get('get')).toEqual(['unknown node type']);
    expect(placed.workflow).toEqual(['/initial: no such state']);
  });
});

describe('variablesAt', () => {
  it('offers the payload, the context and what upstream nodes wrote', () => {
    const graph = toGraph(definition);
    const paths = variablesAt(graph, 'end', (type) => (type === 'sessions.getActive' ? ['id', 'mapId'] : []),
      ['maps.START_CELL_POSITION']).map((v) => v.path);
    expect(paths).toEqual(expect.arrayContaining(['$.playerId', '$.attempts', '$.get_output', '$.id', '$.mapId',
      '$config.maps.START_CELL_POSITION']));
    expect(paths).not.toContain('$.make_output'); // make runs after end's branch, not before it
  });
  it('offers the trigger event\'s payload fields', () => {
    const graph = toGraph({ initial: 'done', states: { done: { type: 'final' } } });
    expect(variablesAt(graph, 'done', () => [], [], ['id', 'username']).map((v) => v.path)).toEqual(['$.id', '$.username']);
  });
  it('offers the variable a setVariable node writes, and no placeholder names', () => {
    const graph = toGraph({ initial: 'set', states: {
      set: { invoke: { src: 'core.setVariable', input: { name: 'greeting', value: 'hi' }, onDone: 'say' } },
      say: { invoke: { src: 'core.log', input: { message: '' }, onDone: 'done' } },
      done: { type: 'final' } } });
    const paths = variablesAt(graph, 'say', () => ['<name>']).map((v) => v.path);
    expect(paths).toEqual(['$.set_output', '$.greeting']);
  });
  it('offers the keys a transform maps, and its own output to its branches', () => {
    const graph = toGraph({ initial: 'map', states: {
      map: { invoke: { src: 'core.transform', input: { mapping: { spawnX: '$.x', 'bad key': 1 } }, onDone: 'use' } },
      use: { invoke: { src: 'core.log', input: {} }, always: [{ guard: { type: 'condition', params: { key: 'k', operator: 'exists' } }, target: 'done' }, { target: 'done' }] },
      done: { type: 'final' } } });
    expect(variablesAt(graph, 'use', () => []).map((v) => v.path)).toEqual(['$.map_output', '$.spawnX']);
    expect(variablesAt(graph, 'use', () => [], [], [], true).map((v) => v.path)).toContain('$.use_output');
  });
});
