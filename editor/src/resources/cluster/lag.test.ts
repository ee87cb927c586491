import { describe, expect, it } from 'vitest';
import { behind, type Instance } from './lag';

const instance = (id: string, deployed: Record<string, number>, extra: Partial<Instance> = {}): Instance => ({
  id, host: 'h', pid: 1, version: null, startedAt: '', heartbeatAt: '', stoppedAt: null, secondsSinceHeartbeat: 0,
  alive: true, self: false, deployed, ...extra,
});

describe('behind', () => {
  it('names the workflows a live instance runs older versions of, or not at all', () => {
    const lag = behind([instance('a', { 1: 3, 2: 1, 10: 1 }), instance('b', { 1: 2, 2: 1 }), instance('c', { 1: 3, 2: 1, 10: 1 })]);
    expect([...lag.entries()]).toEqual([['b', ['1', '10']]]);
  });

  it('leaves out gone instances and workflows that failed to deploy', () => {
    const lag = behind([
      instance('a', { 1: 2 }),
      instance('old', { 1: 9 }, { alive: false }),
      instance('b', { 1: 1 }, { deployFailures: { 1: 'version 2 could not be deployed' } }),
    ]);
    expect(lag.size).toBe(0);
  });

  it('is empty when every instance is in step, or there are none', () => {
    expect(behind([instance('a', { 5: 1 }), instance('b', { 5: 1 })]).size).toBe(0);
    expect(behind([]).size).toBe(0);
  });
});
