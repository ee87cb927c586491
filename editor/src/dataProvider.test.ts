import { describe, expect, it } from 'vitest';
import { errorMessage, withId } from './dataProvider';

describe('errorMessage', () => {
  it('lists every problem with where it is', () => {
    const body = {
      error: 'invalid wiring: 2 problems',
      details: [
        { path: 'sourceEvent', message: "unknown event 'x.y'" },
        { path: '', message: 'send an object' },
      ],
    };
    expect(errorMessage(400, body, 'Bad Request')).toBe(
      "invalid wiring: 2 problems — sourceEvent: unknown event 'x.y'; send an object",
    );
  });
  it('falls back to the status text, then the status', () => {
    expect(errorMessage(404, { error: 'not found: workflow 9', details: [] }, 'Not Found')).toBe('not found: workflow 9');
    expect(errorMessage(502, 'gateway', 'Bad Gateway')).toBe('Bad Gateway');
    expect(errorMessage(500, null, '')).toBe('HTTP 500');
  });
});

describe('withId', () => {
  it('keys modules by name and leaves other resources alone', () => {
    expect(withId('modules', { name: 'players' }).id).toBe('players');
    expect(withId('workflows', { id: 3, name: 'x' }).id).toBe(3);
  });
});
