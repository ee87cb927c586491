import { MenuItem, Stack, TextField } from '@mui/material';
import { useGetList, useInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { Json } from '../converters/model';
import type { Variable } from '../canvas/variables';
import { KeyValueEditor } from '../panels/KeyValueEditor';
import { isObject } from '../panels/values';

/** The `$.` fields of an event's payload, as the modules describe it: what a wiring's transform can read. */
export function usePayloadVariables(eventSource = 'sourceEvent'): Variable[] {
  const event = useWatch({ name: eventSource }) as string | undefined;
  const { data: modules = [] } = useGetList('modules', { pagination: { page: 1, perPage: 100 } });
  const found = modules.flatMap((m) => (m.events ?? []) as { name: string; payload?: { name: string }[] }[])
    .find((e) => e.name === event?.trim());
  return (found?.payload ?? []).map((p) => ({ path: `$.${p.name}`, from: `payload of ${found!.name}` }));
}

/** An optional object field of a form as name = value rows (JSON behind a switch); empty is null. */
export function ObjectInput({ source, label, helperText, variables = [] }: {
  source: string; label: string; helperText?: string; variables?: Variable[];
}) {
  const { field, fieldState } = useInput({ source, parse: (v: unknown) => v ?? null });
  return (
    <Stack sx={{ width: '100%', maxWidth: 720, mb: 2 }}>
      <KeyValueEditor label={label} value={isObject(field.value) || (typeof field.value === 'string' && field.value.startsWith('$'))
        ? field.value as Json : undefined} variables={variables} testId={`object-${source}`}
        onChange={(v) => field.onChange(v ?? null)} helperText={fieldState.error?.message ?? helperText} error={!!fieldState.error} />
    </Stack>
  );
}

type Kind = 'text' | 'number' | 'boolean' | 'object' | 'json';

function kindOf(value: unknown): Kind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (isObject(value)) return 'object';
  if (Array.isArray(value)) return 'json';
  return 'text';
}

/**
 * Any JSON value of a form without typing JSON: text, a number, true / false, an object as
 * name = value rows, or — for lists and the rest — JSON text. The kind follows the value.
 */
export function ValueInput({ source, label }: { source: string; label: string }) {
  const { field, fieldState } = useInput({ source, validate: (v: unknown) => (v === undefined || v === null || v === '' ? 'Required' : undefined) });
  const value = field.value as Json | undefined;
  const kind = kindOf(value);
  const convert = (to: Kind): Json => {
    switch (to) {
      case 'number': return Number(value) || 0;
      case 'boolean': return value === true || value === 'true';
      case 'object': return isObject(value) ? value : {};
      case 'json': return Array.isArray(value) ? value : [];
      default: return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ width: '100%', maxWidth: 720, mb: 2, alignItems: 'flex-start' }} data-testid={`value-${source}`}>
      <TextField select size="small" label="kind" value={kind} sx={{ width: 130, flexShrink: 0 }}
        onChange={(e) => field.onChange(convert(e.target.value as Kind))}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': `value-${source}-kind` } as object } }}>
        <MenuItem value="text">text</MenuItem>
        <MenuItem value="number">number</MenuItem>
        <MenuItem value="boolean">true / false</MenuItem>
        <MenuItem value="object">fields</MenuItem>
        <MenuItem value="json">list (JSON)</MenuItem>
      </TextField>
      {kind === 'text' && <TextField size="small" fullWidth label={label} value={String(value ?? '')} error={!!fieldState.error}
        helperText={fieldState.error?.message} onChange={(e) => field.onChange(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': `value-${source}-text` } }} />}
      {kind === 'number' && <TextField size="small" type="number" fullWidth label={label} value={String(value ?? 0)}
        onChange={(e) => field.onChange(e.target.value === '' ? 0 : Number(e.target.value))} />}
      {kind === 'boolean' && <TextField select size="small" fullWidth label={label} value={String(value === true)}
        onChange={(e) => field.onChange(e.target.value === 'true')}>
        <MenuItem value="true">true</MenuItem><MenuItem value="false">false</MenuItem>
      </TextField>}
      {kind === 'object' && <Stack sx={{ flex: 1 }}><KeyValueEditor label={label} value={value} variables={[]} testId={`value-${source}-fields`}
        onChange={(v) => field.onChange(v ?? {})} /></Stack>}
      {kind === 'json' && <TextField size="small" fullWidth multiline minRows={2} label={`${label} (JSON)`}
        defaultValue={JSON.stringify(value ?? [])} onChange={(e) => { try { field.onChange(JSON.parse(e.target.value) as Json); } catch { /* kept until it parses */ } }} />}
    </Stack>
  );
}
