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

describe('diffLines', () => {
  it('marks what was added and removed', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' }, { kind: 'removed', text: 'b' }, { kind: 'same', text: 'c' }, { kind: 'added', text: 'd' },
    ]);
  });
});
