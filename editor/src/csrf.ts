/** The CSRF token the service set in the `XSRF-TOKEN` cookie; sent back in `X-XSRF-TOKEN` on every change. */
export function csrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'XSRF-TOKEN') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Headers for a change request: the CSRF token, when the browser has one. */
export function csrfHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { 'X-XSRF-TOKEN': token } : {};
}
