/** Pure helpers for showing API data: durations, JSON, statuses. */

/** `1234.5` ms → `1.23 s`; small values keep two decimals in ms; null → empty. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** JSON as indented text; undefined and null read as `null`. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

/** A one-line preview of a JSON value, cut at `max` characters. */
export function jsonPreview(value: unknown, max = 80): string {
  const text = JSON.stringify(value ?? null);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export type Status = 'running' | 'waiting' | 'paused' | 'completed' | 'failed' | 'cancelled' | 'skipped' | 'interrupted' | string;

/** The colour a status is shown in (MUI palette names). */
export function statusColor(status: Status): 'success' | 'error' | 'warning' | 'info' | 'default' {
  switch (status) {
    case 'completed':
      return 'success';
    case 'failed':
      return 'error';
    case 'running':
    case 'waiting':
    case 'paused':
    case 'interrupted':
      return 'warning';
    case 'cancelled':
    case 'skipped':
      return 'default';
    default:
      return 'info';
  }
}

/** Parses the JSON a user typed; answers the value or the parser's message (with line and column when known). */
export function parseJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
