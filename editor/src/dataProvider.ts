import simpleRestProvider from 'ra-data-simple-rest';
import { DataProvider, fetchUtils, HttpError } from 'react-admin';
import { csrfHeaders } from './csrf';

/** Where the service's API is: same origin, as the service serves the dashboard (Vite proxies it in dev). */
export const API = '/api';

export interface Problem {
  path: string;
  message: string;
}

/** The service's error shape: `{ error, details: [{ path, message }] }`. */
export interface ApiErrorBody {
  error?: string;
  details?: Problem[];
}

/** One line a notification can show: the API's error and every problem with where it is. */
export function errorMessage(status: number, body: unknown, fallback: string): string {
  const b = (body ?? {}) as ApiErrorBody;
  const head = b.error ?? (fallback || `HTTP ${status}`);
  const details = Array.isArray(b.details) ? b.details : [];
  if (details.length === 0) return head;
  return `${head} — ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ')}`;
}

/** fetchJson whose errors carry the API's message and details. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  if (options.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const method = (options.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    for (const [name, value] of Object.entries(csrfHeaders())) headers.set(name, value);
  }
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers });
  } catch (e) {
    if (e instanceof HttpError) {
      throw new HttpError(errorMessage(e.status, e.body, e.message), e.status, e.body);
    }
    throw e;
  }
}

/** Resources whose records are keyed by something other than `id`. */
const KEYS: Record<string, string> = { modules: 'name' };

/** Gives records an `id` where the API keys them otherwise (modules by name). */
export function withId<T extends Record<string, unknown>>(resource: string, record: T): T & { id: unknown } {
  const key = KEYS[resource];
  return key ? { ...record, id: record[key] } : (record as T & { id: unknown });
}

export interface OvenDataProvider extends DataProvider {
  /** Starts a run; a test run (`test`) uses the outputs pinned on nodes instead of running them. */
  execute(workflowId: number | string, params: unknown, test?: boolean): Promise<{ executionId: number }>;
  versions(workflowId: number | string): Promise<Array<Record<string, unknown>>>;
  restore(workflowId: number | string, version: number): Promise<Record<string, unknown>>;
  resolveConfig(moduleName: string, key: string, scopeId?: string): Promise<Record<string, unknown>>;
}

const rest = simpleRestProvider(API, httpClient);

export const dataProvider: OvenDataProvider = {
  ...rest,
  getList: async (resource, params) => {
    const page = await rest.getList(resource, params);
    return { ...page, data: page.data.map((r) => withId(resource, r)) };
  },
  getOne: async (resource, params) => {
    const one = await rest.getOne(resource, params);
    return { data: withId(resource, one.data) };
  },
  execute: async (workflowId, params, test = false) =>
    (await httpClient(`${API}/workflows/${workflowId}/execute`, { method: 'POST',
      body: JSON.stringify(test ? { params, test: true } : { params }) })).json,
  versions: async (workflowId) =>
    (await httpClient(`${API}/workflows/${workflowId}/versions?sort=${encodeURIComponent('["version","DESC"]')}`)).json,
  restore: async (workflowId, version) =>
    (await httpClient(`${API}/workflows/${workflowId}/versions/${version}/restore`, { method: 'POST', body: '{}' })).json,
  resolveConfig: async (moduleName, key, scopeId) => {
    const query = new URLSearchParams({ moduleName, key, ...(scopeId ? { scopeId } : {}) });
    return (await httpClient(`${API}/module-configs/resolve?${query}`)).json;
  },
};
