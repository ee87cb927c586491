import { describe, expect, it } from 'vitest';
import { toDefinition, toGraph } from '../converters';
import type { Definition, GraphEdge, GraphNode } from '../converters';
import { branchIn, jsonataProblem, modeOf, reorder } from '../panels/GuardPanel';
import { freshKey, parseObject, renameEntry } from '../panels/KeyValueEditor';
import { moveSlots } from './graphEdits';
import type { Canvas, FlowEdge, FlowNode } from './graphEdits';
import { placeProblems } from './problems';
import { outcomeText, readPath, takenPath } from './takenPath';
import { withRunFields } from './variables';
import { changesBetween } from './changes';
import { copyStates, pasteStates, readCopied } from './clipboard';
import { isPinned, withPin } from '../panels/TestStepPanel';

/** The seed's player-spawn, reduced: look the sessions up, end one if there is one, spawn. */
const spawn: Definition = {
  initial: 'sessions',
  states: {
    sessions: { invoke: { src: 'sessions.list', input: { playerId: '$.playerId' } }, onDone: 'hasOne' },
    hasOne: {
      always: [
        { guard: { type: 'condition', params: { key: '$.sessions_output.0.id', operator: 'exists' } }, target: 'endOld' },
        { guard: { type: 'jsonata', params: { expr: '$.force = true' } }, target: 'endOld' },
        { target: 'spawn' },
      ],
    },
    endOld: { invoke: { src: 'sessions.end', input: {} }, onDone: 'spawn' },
    spawn: { invoke: { src: 'core.transform', input: { mapping: { x: '$.x' } } }, onDone: 'done' },
    done: { type: 'final' },
  },
};

function canvas(d: Definition = spawn): Canvas {
  const g = toGraph(d);
  return { nodes: g.nodes as FlowNode[], edges: g.edges as FlowEdge[] };
}

function back(c: Canvas): Definition {
  return toDefinition({ nodes: c.nodes as GraphNode[], edges: c.edges, workflow: { initial: 'sessions' } });
}

describe('guard editor', () => {
  it('swaps two branches with their edges, so each guard keeps where it leads', () => {
    const c = canvas();
    const always = c.nodes.find((n) => n.id === 'hasOne')!.data.state.always as Definition['states'][string][];
    const next = reorder(always as never, [2, 0, 1]);
    const moved = moveSlots(c, 'hasOne', next.moves, { ...c.nodes.find((n) => n.id === 'hasOne')!.data.state, always: next.always });
    const written = back(moved).states.hasOne.always as { guard?: { type: string }; target?: string }[];
    expect(written.map((b) => [b.guard?.type ?? 'otherwise', b.target])).toEqual([
      ['otherwise', 'spawn'], ['condition', 'endOld'], ['jsonata', 'endOld']]);
  });

  it('removes a branch with its edge and nothing else', () => {
    const c = canvas();
    const state = c.nodes.find((n) => n.id === 'hasOne')!.data.state;
    const next = reorder(state.always as never, [0, 2]);
    const moved = moveSlots(c, 'hasOne', next.moves, { ...state, always: next.always });
    const written = back(moved).states.hasOne.always as { target?: string }[];
    expect(written.map((b) => b.target)).toEqual(['endOld', 'spawn']);
    expect(moved.edges.filter((e) => e.source === 'hasOne').map((e) => e.data.slot).sort()).toEqual(['always.0', 'always.1']);
  });

  it('changes a branch mode keeping its target', () => {
    expect(branchIn('jsonata', { target: 'x', guard: { type: 'condition', params: {} } })).toEqual(
      { target: 'x', guard: { type: 'jsonata', params: { expr: '' } } });
    expect(branchIn('otherwise', { target: 'x', guard: { type: 'condition', params: {} } })).toEqual({ target: 'x' });
    expect(modeOf({ target: 'x' })).toBe('otherwise');
    expect(modeOf({ guard: { type: 'jsonata', params: {} } })).toBe('jsonata');
  });

  it('checks a JSONata expression as it is typed', () => {
    expect(jsonataProblem('$count(sessions) > 0')).toBeUndefined();
    expect(jsonataProblem('{% $.a = "x)" %}')).toBeUndefined();
    expect(jsonataProblem('$count(sessions > 0')).toMatch(/'\(' is not closed/);
    expect(jsonataProblem('a]')).toMatch(/closes nothing/);
    expect(jsonataProblem('"abc')).toMatch(/quote is not closed/);
    expect(jsonataProblem('  ')).toMatch(/write an expression/);
  });

  it('names the branch of a problem the server placed under always/<i>', () => {
    const g = toGraph(spawn);
    const placed = placeProblems(g, [{ path: '/states/hasOne/always/1/guard/params/key', message: 'is required' }]);
    expect(placed.nodes.get('hasOne')).toEqual(['branch 2: is required']);
  });
});

describe('key/value editor', () => {
  it('renames an entry in place and finds a free name', () => {
    expect(Object.keys(renameEntry({ a: 1, b: 2, c: 3 }, 'b', 'x'))).toEqual(['a', 'x', 'c']);
    expect(freshKey({ field: 1, field2: 2 })).toBe('field3');
    expect(freshKey({})).toBe('field');
  });

  it('reads the JSON text of an object, or says why not', () => {
    expect(parseObject('{"spawnX": "$.x"}').value).toEqual({ spawnX: '$.x' });
    expect(parseObject('').value).toEqual({});
    expect(parseObject('[1]').problem).toMatch(/must be a JSON object/);
    expect(parseObject('{"a":').problem).toMatch(/not JSON/);
  });
});

describe('variables from the last run', () => {
  it('offers nested fields under their variable, array elements and length, and keys only the run had', () => {
    const vars = withRunFields([{ path: '$.sessions_output', from: 'sessions' }, { path: '$config.maps.spawn', from: 'config' }],
      { sessions_output: [{ id: 7, pos: { x: 1 } }], extra: { 'odd key': 1, ok: true } });
    const paths = vars.map((v) => v.path);
    expect(paths.slice(0, 6)).toEqual(['$.sessions_output', '$.sessions_output.0', '$.sessions_output.0.id',
      '$.sessions_output.0.pos', '$.sessions_output.0.pos.x', '$.sessions_output.length']);
    expect(vars.find((v) => v.path === '$.sessions_output.0.id')).toMatchObject({ from: 'sessions', depth: 2, sample: '7' });
    expect(paths).toContain('$config.maps.spawn');
    expect(vars.find((v) => v.path === '$.extra.ok')?.from).toBe('last run');
    expect(paths.some((p) => p.includes('odd key'))).toBe(false);
  });

  it('stays bounded on a huge context', () => {
    const big = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { a: { b: { c: { d: i } } } }]));
    expect(withRunFields([], big).length).toBeLessThanOrEqual(400);
  });
});

describe('the way a run went', () => {
  const g = toGraph(spawn);
  const nodes = g.nodes as GraphNode[];
  const edges = g.edges as GraphEdge[];

  it('goes through a condition that wrote no row, and says which branch held and what the key held', () => {
    const path = takenPath(nodes, edges, [
      { nodeId: 'sessions', contextBefore: { playerId: 3 } },
      { nodeId: 'endOld', contextBefore: { playerId: 3, sessions_output: [{ id: 9 }] } },
      { nodeId: 'spawn', contextBefore: {} },
    ], { currentState: 'done', ended: true, context: {} });
    const taken = edges.filter((e) => path.edges.has(e.id)).map((e) => `${e.source}>${e.target}`).sort();
    expect(taken).toEqual(['__trigger>sessions', 'endOld>spawn', 'hasOne>endOld', 'sessions>hasOne', 'spawn>done']);
    const decision = path.decisions.get('hasOne')!;
    expect(decision.taken).toBe(0);
    expect(decision.branches.map((b) => b.result)).toEqual(['held', 'unasked', 'unasked']);
    expect(decision.branches[0].actual).toBe(9);
    expect(outcomeText(nodes.find((n) => n.id === 'hasOne')!, decision)).toBe('took branch 1 → endOld');
  });

  it('marks the branches before the default as failed when the default was taken', () => {
    const path = takenPath(nodes, edges, [
      { nodeId: 'sessions', contextBefore: {} },
      { nodeId: 'spawn', contextBefore: { sessions_output: [] } },
    ], { currentState: 'done', ended: true });
    const decision = path.decisions.get('hasOne')!;
    expect(decision.branches.map((b) => b.result)).toEqual(['failed', 'failed', 'held']);
    expect(decision.branches[0]).toMatchObject({ hasActual: true, actual: undefined });
    expect([...path.edges].some((id) => edges.find((e) => e.id === id)?.target === 'endOld')).toBe(false);
  });

  it('draws nothing it cannot explain: rows of states not joined by edges leave no taken edge', () => {
    const path = takenPath(nodes, edges, [{ nodeId: 'spawn' }, { nodeId: 'sessions' }], { ended: false });
    expect([...path.edges].map((id) => edges.find((e) => e.id === id)).filter((e) => e?.source === 'spawn')).toEqual([]);
  });

  it('reads keys as the engine does', () => {
    expect(readPath({ a: [{ b: 2 }] }, '$.a.0.b')).toBe(2);
    expect(readPath({ a: [1, 2] }, 'a.length')).toBe(2);
    expect(readPath({ a: 1 }, '$.a.b')).toBeUndefined();
    expect(readPath({ a: 1 }, '$')).toEqual({ a: 1 });
  });
});

describe('unsaved changes', () => {
  const saved = { definition: structuredClone(spawn), trigger: '' };
  it('sees none after an undo back to the saved state, whatever the key order', () => {
    const reordered = { states: spawn.states, initial: spawn.initial } as Definition;
    expect(changesBetween(saved, { definition: reordered, trigger: ' ' })).toBe('none');
  });

  it('tells a moved node from a changed one', () => {
    const moved = structuredClone(spawn);
    moved.states.done.meta = { position: { x: 5, y: 9 } };
    expect(changesBetween(saved, { definition: moved, trigger: '' })).toBe('layout');
    const relabelled = structuredClone(moved);
    relabelled.states.done.meta = { position: { x: 5, y: 9 }, label: 'The end' };
    expect(changesBetween(saved, { definition: relabelled, trigger: '' })).toBe('logic');
    expect(changesBetween(saved, { definition: spawn, trigger: 'players.player.created' })).toBe('logic');
  });
});

describe('copy and paste', () => {
  it('pastes states under new ids: transitions among them point at the copies, others stay or go', () => {
    const { copied, skipped } = copyStates(spawn, ['hasOne', 'endOld', 'missing']);
    expect(skipped).toEqual([]);
    const text = JSON.stringify(copied);
    const back = readCopied(text)!;
    const pasted = pasteStates(spawn, back);
    expect(pasted.ids).toEqual(['hasOneCopy', 'endOldCopy']);
    const s = pasted.definition.states;
    expect((s.hasOneCopy.always as { target?: string }[]).map((b) => b.target)).toEqual(['endOldCopy', 'endOldCopy', 'spawn']);
    expect((s.hasOneCopy.always as { guard?: unknown }[])[0].guard).toEqual((spawn.states.hasOne.always as { guard?: unknown }[])[0].guard);
    expect(s.endOldCopy.onDone).toBe('spawn');
    // Into a workflow without the target, the transition is dropped.
    const other = pasteStates({ initial: 'x', states: { x: { type: 'final' } } }, back);
    expect(other.definition.states.endOldCopy.onDone).toBeUndefined();
    expect(s.hasOne).toEqual(spawn.states.hasOne);
    // Pasted twice, the second copy gets names of its own.
    expect(pasteStates(pasted.definition, back).ids).toEqual(['hasOneCopy2', 'endOldCopy2']);
  });

  it('leaves containers out and reads only what it wrote', () => {
    const withLoop: Definition = { ...spawn, states: { ...spawn.states,
      each: { loop: { type: 'forEach', collection: '$.xs', bodyInitial: 'b', bodyStates: { b: { type: 'final' } } }, onDone: 'done' } } };
    expect(copyStates(withLoop, ['each']).skipped).toEqual(['each']);
    expect(readCopied('{"states": {}}')).toBeUndefined();
    expect(readCopied('not json')).toBeUndefined();
    expect(readCopied('{"ovenStates": {"bad id!": {}}}')).toBeUndefined();
  });
});

describe('pinned outputs', () => {
  it('pins and unpins an output in meta, keeping the rest of meta', () => {
    const state = { invoke: { src: 'x' }, meta: { label: 'L', position: { x: 1, y: 2 } } };
    const pinned = withPin(state, [{ id: 1 }], 'run 7');
    expect(isPinned(pinned)).toBe(true);
    expect(pinned.meta).toEqual({ label: 'L', position: { x: 1, y: 2 }, pinned: { output: [{ id: 1 }], from: 'run 7' } });
    expect(isPinned(state)).toBe(false);
    const unpinned = withPin(pinned, undefined);
    expect(unpinned.meta).toEqual({ label: 'L', position: { x: 1, y: 2 } });
    expect(withPin({ invoke: {} }, undefined)).toEqual({ invoke: {} });
    expect(isPinned(withPin({}, null))).toBe(true);
  });
});
