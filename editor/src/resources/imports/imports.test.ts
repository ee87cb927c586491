import { describe, expect, it } from 'vitest';
import { percent } from './index';

describe('import progress', () => {
  it('fills reading, then uploading, then the server registering', () => {
    expect(percent({ phase: 'reading', loaded: 50, total: 100 })).toBe(5);
    expect(percent({ phase: 'uploading', loaded: 0, total: 100 })).toBe(10);
    expect(percent({ phase: 'uploading', loaded: 100, total: 100 })).toBe(90);
    expect(percent({ phase: 'uploading', loaded: 5, total: 0 })).toBe(10);
    expect(percent({ phase: 'registering', loaded: 1, total: 1 })).toBe(95);
    expect(percent({ phase: 'done', loaded: 0, total: 0 })).toBe(100);
  });
});
