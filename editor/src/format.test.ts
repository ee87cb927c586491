import { describe, expect, it } from 'vitest';
import { formatDuration, jsonPreview, parseJson, prettyJson, statusColor } from './format';

describe('formatDuration', () => {
  it('keeps small values in milliseconds with decimals', () => {
    expect(formatDuration(0.5)).toBe('0.50 ms');
    expect(formatDuration(3.14159)).toBe('3.14 ms');
    expect(formatDuration(250.4)).toBe('250 ms');
  });
  it('switches to seconds and minutes', () => {
    expect(formatDuration(1234.5)).toBe('1.23 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
  it('shows nothing for a missing duration', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(undefined)).toBe('');
  });
});

describe('json helpers', () => {
  it('indents JSON and reads undefined as null', () => {
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson(undefined)).toBe('null');
  });
  it('cuts long previews', () => {
    expect(jsonPreview({ text: 'x'.repeat(100) }, 20)).toHaveLength(20);
    expect(jsonPreview({ a: 1 })).toBe('{"a":1}');
  });
  it('parses or explains', () => {
    expect(parseJson('{"a":1}').value).toEqual({ a: 1 });
    expect(parseJson('{"a":').error).toBeTruthy();
  });
});

describe('statusColor', () => {
  it('maps each execution status to a colour', () => {
    expect(statusColor('completed')).toBe('success');
    expect(statusColor('failed')).toBe('error');
    expect(statusColor('running')).toBe('warning');
    expect(statusColor('cancelled')).toBe('default');
    expect(statusColor('interrupted')).toBe('warning');
  });
});
