import { afterEach, describe, expect, it, vi } from 'vitest';
import { csrfToken } from './csrf';
import { httpClient } from './dataProvider';

describe('csrfToken', () => {
  it('reads the XSRF-TOKEN cookie among others, decoded', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=ab%3Dc; JSESSIONID=x')).toBe('ab=c');
    expect(csrfToken('XSRF-TOKEN=one')).toBe('one');
  });

  it('is missing without the cookie, and not fooled by a look-alike name', () => {
    expect(csrfToken('')).toBeUndefined();
    expect(csrfToken('MY-XSRF-TOKEN=evil; XSRF-TOKENX=also')).toBeUndefined();
  });
});

describe('httpClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  function capture() {
    const seen: Headers[] = [];
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=t0k' });
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    return seen;
  }

  it('sends the CSRF token with every change and never with a read', async () => {
    const seen = capture();
    await httpClient('/api/workflows', { method: 'POST', body: '{}' });
    await httpClient('/api/workflows/1', { method: 'DELETE' });
    await httpClient('/api/workflows');
    expect(seen.map((h) => h.get('X-XSRF-TOKEN'))).toEqual(['t0k', 't0k', null]);
  });
});
