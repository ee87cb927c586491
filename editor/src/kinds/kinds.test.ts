import { describe, expect, it } from 'vitest';
import { toDefinition, toGraph } from '../converters';
import type { Definition, JsonObject } from '../converters';
import { handlesOf } from '../canvas/handles';
import { descriptorOf, KIND_COLORS, kindOf, kindOfNodeType, KINDS, QUICK_ADD, undrawnServerKinds } from '.';

describe('the kinds registry', () => {
  it('recognises each kind of state in registry order', () => {
    const cases: [JsonObject, string][] = [
      [{ type: 'final' }, 'end'],
      [{ type: 'parallel', states: {} }, 'parallel'],
      [{ loop: { type: 'forEach', collection: '$.xs' } }, 'loop'],
      [{ invoke: { src: 'core.delay', input: { ms: 10 } } }, 'delay'],
      [{ after: { 100: 'next' } }, 'delay'],
      [{ always: [{ target: 'x' }] }, 'condition'],
      [{ invoke: { src: 'core.condition' } }, 'condition'],
      [{ invoke: { src: 'core.transform' } }, 'transform'],
      [{ invoke: { src: 'core.setVariable' } }, 'transform'],
      [{ invoke: { src: 'core.emit' } }, 'emit'],
      [{ invoke: { src: 'sessions.create' } }, 'api'],
      [{ on: { approve: 'ok' }, after: { 60000: 'expired' } }, 'wait'],
      [{ invoke: { src: 'core.log' } }, 'step'],
      [{ onDone: 'next' }, 'step'],
      [{}, 'step'],
    ];
    for (const [state, kind] of cases) expect(kindOf('s', state)).toBe(kind);
  });

  it('fails loudly on a state no kind recognises, naming it', () => {
    expect(() => kindOf('odd', { something: 1 })).toThrow(/state 'odd'/);
    expect(() => descriptorOf('teleport')).toThrow(/unknown kind of node 'teleport'/);
  });

  it('gives every kind a colour and every quick-add entry a state its kind recognises', () => {
    for (const k of KINDS) expect(KIND_COLORS[k.kind]).toMatch(/^#[0-9a-f]{6}$/);
    for (const k of QUICK_ADD) expect(kindOf('x', k.quickAdd!.template('x'))).toBe(k.kind);
    expect(QUICK_ADD.map((k) => k.kind).slice(0, 3)).toEqual(['condition', 'delay', 'wait']);
  });

  it('colours registry node types by the kind they draw as', () => {
    expect(kindOfNodeType('core.emit')).toBe('emit');
    expect(kindOfNodeType('core.log')).toBe('step');
    expect(kindOfNodeType('players.get')).toBe('api');
  });

  it('names server state kinds no editor kind draws', () => {
    // The server's kinds (compiler/*Kind.java name()): all drawn today.
    expect(undrawnServerKinds(['after', 'always', 'delay', 'final', 'invoke', 'loop', 'parallel', 'wait'])).toEqual([]);
    expect(undrawnServerKinds(['final', 'teleport'])).toEqual(['teleport']);
  });
});

describe('the wait kind', () => {
  const definition: Definition = {
    initial: 'ask',
    states: {
      ask: { on: { approve: 'approved', 'sessions.session.ended': 'gone' }, after: { 60000: 'expired' } },
      approved: { type: 'final' }, gone: { type: 'final' }, expired: { type: 'final' },
    },
  };

  it('has a handle per name it waits for and one for its timeout', () => {
    expect(handlesOf('wait', definition.states.ask).map((h) => `${h.slot}=${h.label}`)).toEqual([
      'on.approve=approve', 'on.sessions.session.ended=sessions.session.ended', 'after.60000=60000 ms']);
  });

  it('round-trips through the graph with an edge per name', () => {
    const graph = toGraph(definition);
    expect(graph.edges.filter((e) => e.source === 'ask').map((e) => `${e.data.slot}->${e.target}`)).toEqual([
      'on.approve->approved', 'on.sessions.session.ended->gone', 'after.60000->expired']);
    const back = toDefinition(graph);
    const { meta: _meta, ...ask } = back.states.ask;
    expect(ask).toEqual(definition.states.ask);
  });

  it('keeps the name when its edge is deleted (it only loses its target)', () => {
    const graph = toGraph(definition);
    graph.edges = graph.edges.filter((e) => e.data.slot !== 'on.approve');
    expect(toDefinition(graph).states.ask.on).toEqual({ approve: '', 'sessions.session.ended': 'gone' });
  });
});
