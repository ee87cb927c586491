import { describe, expect, it } from 'vitest';
import { diffLines } from './diff';
import { newStateId, stateFor } from './templates';
import { handlesOf } from './handles';
import { kindOf } from '../converters';

describe('palette templates', () => {
  it('names new states after their node type, uniquely', () => {
    expect(newStateId({ kind: 'node', nodeType: 'sessions.create' }, new Set())).toBe('sessionsCreate');
    expect(newStateId({ kind: 'node', nodeType: 'core.log' }, new Set(['log']))).toBe('log2');
    expect(newStateId({ kind: 'delay' }, new Set(['wait', 'wait2']))).toBe('wait3');
  });
  it('starts each kind with the handles its node needs', () => {
    const condition = stateFor({ kind: 'condition' });
    expect(kindOf('c', condition)).toBe('condition');
    expect(handlesOf('condition', condition).map((h) => h.label)).toEqual(['result == true', 'else']);
    expect(handlesOf('delay', stateFor({ kind: 'delay' })).map((h) => h.slot)).toEqual(['after.2000']);
    expect(handlesOf('api', stateFor({ kind: 'node', nodeType: 'sessions.create' })).map((h) => h.label)).toEqual(['out', 'error']);
  });
});

describe('group templates', () => {
  it('give a parallel state two regions and a loop a body, which round-trip', async () => {
    const { toDefinition, toGraph } = await import('../converters');
    for (const kind of ['parallel', 'loop'] as const) {
      const state = stateFor({ kind }, 'g');
      const graph = toGraph({ initial: 'g', states: { g: state } });
      expect(graph.nodes.filter((n) => n.parentId).length).toBeGreaterThan(0);
      const back = toDefinition(graph).states.g;
      expect(JSON.stringify(back)).toContain(kind === 'parallel' ? 'gLeft' : 'gBody');
    }
    expect(newStateId({ kind: 'parallel' }, new Set())).toBe('parallel');
  });
});

describe('diffLines', () => {
  it('marks what was added and removed', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' }, { kind: 'removed', text: 'b' }, { kind: 'same', text: 'c' }, { kind: 'added', text: 'd' },
    ]);
  });
});

describe('containerAt', () => {
  it('finds the innermost region or loop under a point', async () => {
    const { toGraph } = await import('../converters');
    const { containerAt, absolutePosition } = await import('./containers');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const definition = JSON.parse(readFileSync(join(__dirname, '../../../src/test/resources/workflows/valid/parallel-join.json'), 'utf8'));
    const graph = toGraph(definition);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const region = graph.nodes.find((n) => n.id === 'fork::left')!;
    const origin = absolutePosition(region, byId);
    const hit = containerAt(graph.nodes, { x: origin.x + 5, y: origin.y + 5 });
    expect(hit?.id).toBe('fork::left');
    expect(hit?.origin).toEqual(origin);
    expect(containerAt(graph.nodes, { x: -10_000, y: -10_000 })).toBeUndefined();
  });
});

describe('renameState', () => {
  it('renames a state, its regions, and every edge from or to it; the definition follows', async () => {
    const { toDefinition, toGraph } = await import('../converters');
    const { renameState, renameProblem } = await import('./rename');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const definition = JSON.parse(readFileSync(join(__dirname, '../../../src/test/resources/workflows/valid/parallel-join.json'), 'utf8'));
    const graph = toGraph(definition);
    expect(renameProblem(graph.nodes, 'fork', 'joined')).toMatch(/taken/);
    // The server's rule: 1 to 64 letters, digits, _ or -; never text a Camel language could read.
    for (const bad of ['${sysenv.HOME}', '{{env:PATH}}', 'a b', 'a?b', 'x'.repeat(65), '']) {
      expect(renameProblem(graph.nodes, 'fork', bad)).toBeTruthy();
    }
    expect(renameProblem(graph.nodes, 'fork', '9lives')).toBeUndefined();
    expect(renameProblem(graph.nodes, 'fork', 'split')).toBeUndefined();
    const renamed = renameState(graph.nodes, graph.edges, 'fork', 'split');
    const result = toDefinition({ ...graph, ...renamed });
    expect(result.initial).toBe('split');
    expect(Object.keys(result.states)).toContain('split');
    expect(Object.keys(result.states)).not.toContain('fork');
    expect(Object.keys((result.states.split.states as Record<string, unknown>))).toEqual(['left', 'right']);
    expect(JSON.stringify(result.states.split)).toContain('"l1"');
  });
});
