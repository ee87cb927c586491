import type { AuthProvider } from 'react-admin';
import { API, errorMessage } from './dataProvider';
import { csrfHeaders } from './csrf';

/** Who is logged in, as `GET /api/auth/me` answers. */
export interface Me {
  username: string;
  role: 'viewer' | 'editor' | 'admin';
  via: string;
  /** Logged in with the one-time password of the first start: it must be changed before anything else. */
  mustChangePassword?: boolean;
}

/** Forgets who is logged in, so the next check asks the service again (after a password change). */
export function forgetUser() {
  me = null;
}

let me: Promise<Me | null> | null = null;

async function fetchMe(): Promise<Me | null> {
  const response = await fetch(`${API}/auth/me`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`the service answered ${response.status}`);
  return (await response.json()) as Me;
}

/** The logged-in user, asked once and remembered until login or logout. */
export function currentUser(): Promise<Me | null> {
  me ??= fetchMe().catch((e) => {
    me = null;
    throw e;
  });
  return me;
}

/** react-admin's login, logout and checks against the service's session (`/api/auth/*`). */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch(`${API}/auth/login`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
      body: JSON.stringify({ username, password }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(errorMessage(response.status, body, 'login failed'));
    me = Promise.resolve(body as Me);
  },
  async logout() {
    me = null;
    await fetch(`${API}/auth/logout`, { method: 'POST', credentials: 'same-origin', headers: csrfHeaders() }).catch(() => undefined);
  },
  async checkAuth() {
    if (!(await currentUser())) throw new Error('log in first');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      me = null;
      throw new Error('your session has ended: log in again');
    }
  },
  async getIdentity() {
    const user = await currentUser();
    if (!user) throw new Error('log in first');
    return { id: user.username, fullName: `${user.username} (${user.role})`, mustChangePassword: !!user.mustChangePassword };
  },
  async getPermissions() {
    return (await currentUser())?.role ?? null;
  },
};
