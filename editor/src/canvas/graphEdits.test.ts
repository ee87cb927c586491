import { describe, expect, it } from 'vitest';
import { toDefinition, toGraph, TRIGGER_ID } from '../converters';
import type { Definition, GraphNode } from '../converters';
import { addState, connect, deleteState, dropInto, fillByName, follow, freeHandle, placeAfter, renameSlot, withState } from './graphEdits';
import type { Canvas, FlowEdge, FlowNode } from './graphEdits';

const definition: Definition = {
  initial: 'get',
  states: {
    get: { invoke: { src: 'players.get', input: {} }, onDone: 'done' },
    each: { loop: { type: 'forEach', collection: '$.xs', bodyInitial: 'inner', bodyStates: { inner: { type: 'final' } } },
      onDone: 'done' },
    done: { type: 'final' },
  },
};

function canvas(d: Definition = definition): Canvas {
  const g = toGraph(d);
  return { nodes: g.nodes as FlowNode[], edges: g.edges as FlowEdge[] };
}

function back(c: Canvas): Definition {
  return toDefinition({ nodes: c.nodes as GraphNode[], edges: c.edges, workflow: { initial: 'get' } });
}

describe('graph edits', () => {
  it('connects a handle, replacing the edge its slot had', () => {
    const c = connect(canvas(), 'get', 'onDone', 'each');
    expect(c.edges.filter((e) => e.source === 'get').map((e) => e.target)).toEqual(['each']);
    expect(back(c).states.get.onDone).toBe('each');
    expect(connect(c, 'get', 'onDone', 'get')).toBe(c);
  });

  it('adds a loop with its body, and a node dropped into the body becomes one of its states', () => {
    const withLoop = addState(canvas(), { kind: 'loop' });
    expect(withLoop.id).toBe('loop');
    expect(withLoop.nodes.find((n) => n.id === 'loopBody')?.parentId).toBe('loop');
    const frame = withLoop.nodes.find((n) => n.id === 'each')!;
    const inside = addState(withLoop, { kind: 'node', nodeType: 'core.log' },
      { x: frame.position.x + 20, y: frame.position.y + 40 });
    expect(inside.nodes.find((n) => n.id === inside.id)?.parentId).toBe('each');
    expect(Object.keys((back(inside).states.each.loop as { bodyStates: object }).bodyStates)).toContain('log');
  });

  it('moves a dragged state out of the loop body when it is dropped outside', () => {
    const c = canvas();
    const moved = c.nodes.map((n) => (n.id === 'inner' ? { ...n, position: { x: 5000, y: 5000 } } : n));
    const nodes = dropInto({ nodes: moved, edges: c.edges }, 'inner');
    expect(nodes.find((n) => n.id === 'inner')?.parentId).toBeUndefined();
    expect(dropInto(c, TRIGGER_ID)).toBe(c.nodes);
  });

  it('deletes a group with every state inside it, however deep, and their edges', () => {
    const c = deleteState(canvas(), 'each');
    expect(c.nodes.map((n) => n.id)).not.toContain('inner');
    expect(c.edges.some((e) => e.source === 'each' || e.target === 'inner')).toBe(false);
    const fork = canvas({ initial: 'fork', states: { fork: { type: 'parallel', states: {
      a: { initial: 'a1', states: { a1: { type: 'final' } } } } }, done: { type: 'final' } } });
    expect(fork.nodes.find((n) => n.id === 'a1')?.parentId).toBe('fork::a');
    expect(deleteState(fork, 'fork').nodes.map((n) => n.id).sort()).toEqual([TRIGGER_ID, 'done'].sort());
  });

  it('renames a slot with its edge, and a new state changes the kind', () => {
    const d: Definition = { initial: 'w', states: { w: { after: { 100: 'done' } }, done: { type: 'final' } } };
    const c = canvas(d);
    const renamed = renameSlot(c, 'w', 'after.100', 'after.250', { after: { 250: 'done' } });
    expect(renamed.edges.find((e) => e.source === 'w')?.data.slot).toBe('after.250');
    expect(toDefinition({ nodes: renamed.nodes as GraphNode[], edges: renamed.edges, workflow: {} }).states.w.after)
      .toEqual({ 250: 'done' });
    expect(withState(c.nodes, 'w', { on: { go: 'done' } }).find((n) => n.id === 'w')?.type).toBe('wait');
  });

  it('follows the selected node from its first free way out, at its own level, never from an error handle', () => {
    const c = canvas({ initial: 'get', states: { get: { invoke: { src: 'players.get', input: {} } }, done: { type: 'final' } } });
    const added = addState(c, { kind: 'node', nodeType: 'core.log' });
    expect(freeHandle(added, 'get', added.id)).toBe('invoke.onDone');
    const linked = connect(added, 'get', 'invoke.onDone', added.id);
    expect(freeHandle({ ...linked }, 'get', 'done')).toBeUndefined(); // only the error handle is left
    expect(freeHandle(added, TRIGGER_ID, added.id)).toBeUndefined(); // the trigger already starts at get
    expect(freeHandle(added, null, added.id)).toBeUndefined();
    const withLoop = addState(canvas(), { kind: 'loop' });
    const frame = withLoop.nodes.find((n) => n.id === 'each')!;
    const inside = addState(withLoop, { kind: 'node', nodeType: 'core.log' }, { x: frame.position.x + 20, y: frame.position.y + 40 });
    expect(freeHandle(inside, 'get', inside.id)).toBeUndefined(); // a state inside a body is not chained to one outside
  });

  it('fills required inputs a variable in scope names, and nothing else', () => {
    const state = { invoke: { src: 'sessions.create', input: { mapId: 7 } } };
    const filled = fillByName(state, ['playerId', 'mapId', 'startTileX'], [{ path: '$.playerId' }, { path: '$.mapId' }]);
    expect(filled.invoke).toEqual({ src: 'sessions.create', input: { mapId: 7, playerId: '$.playerId' } });
    expect(fillByName(state, ['startTileX'], [{ path: '$.playerId' }])).toBe(state);
    expect(fillByName({ always: [] }, ['x'], [{ path: '$.x' }])).toEqual({ always: [] });
  });
});

describe('following the selected node', () => {
  const chain: Definition = { initial: 'a', states: { a: { invoke: { src: 'core.log', input: {} }, onDone: 'done' }, done: { type: 'final' } } };

  it('goes in between when the only way out already leads somewhere', () => {
    const c = canvas(chain);
    const added = addState(c, { kind: 'node', nodeType: 'core.setVariable' });
    const d = back(follow(added, 'a', added.id));
    expect(d.states.a.onDone).toBe('setVariable');
    expect((d.states.setVariable.invoke as { onDone?: string }).onDone).toBe('done');
    const fromTrigger = toDefinition({ ...follow(addState(c, { kind: 'node', nodeType: 'core.log' }), TRIGGER_ID, 'log'),
      workflow: { initial: 'a' } } as never);
    expect(fromTrigger.initial).toBe('log');
    expect((fromTrigger.states.log.invoke as { onDone?: string }).onDone).toBe('a');
  });

  it('places a new node below the one it follows, right of anything already there', () => {
    const c = canvas(chain);
    const a = c.nodes.find((n) => n.id === 'a')!;
    const at = placeAfter(c.nodes, a);
    expect(at.y).toBeGreaterThan(a.position.y);
    const done = c.nodes.find((n) => n.id === 'done')!;
    const clear = c.nodes.every((n) => n.id === 'a' || Math.abs(n.position.x - at.x) >= 220 || Math.abs(n.position.y - at.y) >= 84);
    expect(clear).toBe(true);
    expect(done).toBeDefined();
  });
});
