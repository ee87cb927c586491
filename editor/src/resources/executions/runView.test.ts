import { describe, expect, it } from 'vitest';
import type { Definition } from '../../converters';
import { decisionsOf, labelOf, startParams, statesOf, timeShares } from './runView';

const definition: Definition = {
  initial: 'look',
  payloadSchema: [{ name: 'playerId', type: 'number', required: true }],
  states: {
    look: { invoke: { src: 'sessions.getActive', input: {} }, meta: { label: 'Active session?' },
      always: [{ guard: { type: 'condition', params: { key: '$.look_output.0', operator: 'exists' } }, target: 'end' },
        { target: 'spawn' }] },
    spawn: { invoke: { src: 'core.transform', input: {} }, onDone: 'end' },
    both: { type: 'parallel', states: { left: { initial: 'l1', states: { l1: { type: 'final', meta: { label: 'Left' } } } } }, onDone: 'end' },
    each: { loop: { type: 'forEach', collection: '$.xs', bodyInitial: 'b', bodyStates: { b: { type: 'final' } } }, onDone: 'end' },
    end: { type: 'final', meta: { label: '  ' } },
  },
};

describe('the execution page', () => {
  it('finds every state, nested ones included, and its label', () => {
    const states = statesOf(definition);
    expect([...states.keys()].sort()).toEqual(['b', 'both', 'each', 'end', 'l1', 'look', 'spawn']);
    expect(labelOf(states, 'look')).toBe('Active session?');
    expect(labelOf(states, 'l1')).toBe('Left');
    expect(labelOf(states, 'end')).toBe('end');
    expect(labelOf(states, 'gone')).toBe('gone');
  });

  it('shares the time among the rows', () => {
    expect(timeShares([{ nodeId: 'a', durationMs: 30 }, { nodeId: 'b', durationMs: 10 }, { nodeId: 'c' }])).toEqual([0.75, 0.25, 0]);
    expect(timeShares([{ nodeId: 'a', durationMs: 0 }])).toEqual([0]);
  });

  it('finds the params a run started with', () => {
    const rows = [{ nodeId: 'look', contextBefore: { playerId: 7, other: 1 } }];
    expect(startParams(definition, rows, undefined)).toEqual({ playerId: 7 });
    expect(startParams(definition, rows, { id: 3 })).toEqual({ id: 3 });
    expect(startParams(definition, [], null)).toEqual({});
  });

  it('says what each branching state decided', () => {
    const decisions = decisionsOf(definition, [
      { nodeId: 'look', contextBefore: { playerId: 7 } },
      { nodeId: 'spawn', contextBefore: { playerId: 7, look_output: [] } },
    ], { status: 'completed', currentState: 'end' });
    expect(decisions.get('look')).toMatchObject({ taken: 1, target: 'spawn' });
    expect(decisionsOf(undefined, [], { status: 'completed' }).size).toBe(0);
  });
});
