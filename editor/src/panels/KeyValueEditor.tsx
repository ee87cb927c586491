import { useState } from 'react';
import { Box, Button, FormControlLabel, IconButton, Stack, Switch, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { Json, JsonObject } from '../converters/model';
import type { Variable } from '../canvas/variables';
import { ExpressionField } from './ExpressionField';
import { isObject } from './values';

export interface KeyValueEditorProps {
  label: string;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  variables: Variable[];
  testId: string;
  helperText?: string;
  error?: boolean;
}

/** The object's entries with one renamed, kept in place. */
export function renameEntry(object: JsonObject, from: string, to: string): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k === from ? to : k, v]));
}

/** A name not yet in the object: `field`, `field2`, … */
export function freshKey(object: JsonObject, base = 'field'): string {
  if (!(base in object)) return base;
  let i = 2;
  while (`${base}${i}` in object) i += 1;
  return `${base}${i}`;
}

/** What the JSON text stands for, or why it is not an object. */
export function parseObject(text: string): { value?: JsonObject; problem?: string } {
  if (text.trim() === '') return { value: {} };
  try {
    const parsed = JSON.parse(text) as Json;
    return isObject(parsed) ? { value: parsed } : { problem: 'must be a JSON object, like {"spawnX": "$.x"}' };
  } catch (e) {
    return { problem: `not JSON: ${(e as Error).message}` };
  }
}

/**
 * An object-typed input as rows of name = value (each value with the variable picker), with
 * the whole object as JSON behind an "advanced" switch: both edit the same value, so either
 * can be used and the other shows the result. A `$.` expression for the whole object is kept.
 */
export function KeyValueEditor({ label, value, onChange, variables, testId, helperText, error }: KeyValueEditorProps) {
  const whole = typeof value === 'string' && value !== '';
  const [advanced, setAdvanced] = useState(whole);
  const [draft, setDraft] = useState<string | null>(null);
  const object: JsonObject = isObject(value) ? value : {};
  const entries = Object.entries(object);
  const set = (next: JsonObject) => onChange(Object.keys(next).length === 0 ? undefined : next);
  const json = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  const parsed = draft === null ? {} : parseObject(draft);
  return (
    <Stack spacing={1} data-testid={testId}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="body2" color={error ? 'error' : undefined}>{label}</Typography>
        <FormControlLabel control={<Switch size="small" checked={advanced} data-testid={`${testId}-advanced`}
          onChange={(e) => { setAdvanced(e.target.checked); setDraft(null); }} />}
          label={<Typography variant="caption">JSON</Typography>} />
      </Stack>
      {advanced ? (
        <TextField size="small" multiline minRows={3} value={json} error={!!parsed.problem}
          helperText={parsed.problem ?? 'the whole object as JSON, or a $. expression that gives one'}
          slotProps={{ htmlInput: { 'data-testid': `${testId}-json`, spellCheck: false, style: { fontFamily: 'monospace' } } }}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            if (text.trim().startsWith('$')) {
              onChange(text.trim());
              return;
            }
            const read = parseObject(text);
            if (read.value) set(read.value);
          }} />
      ) : (
        <>
          {whole && <Typography variant="caption" color="text.secondary">now the expression {String(value)}; rows replace it</Typography>}
          {entries.map(([key, entry], i) => (
            <Stack key={i} direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
              <TextField size="small" label="name" value={key} sx={{ width: 110, flexShrink: 0 }}
                error={key === ''}
                slotProps={{ htmlInput: { 'data-testid': `${testId}-key-${i}` } }}
                onChange={(e) => {
                  const to = e.target.value;
                  if (to !== key && to in object) return; // two rows cannot have one name
                  set(renameEntry(object, key, to));
                }} />
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <ExpressionField label="value" value={entry} variables={variables} testId={`${testId}-value-${i}`}
                  onChange={(v) => set({ ...object, [key]: v === undefined ? '' : v })} />
              </Box>
              <IconButton size="small" title={`Remove ${key}`} data-testid={`${testId}-remove-${i}`}
                onClick={() => { const { [key]: _gone, ...rest } = object; set(rest); }}>
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Stack>
          ))}
          <Button size="small" sx={{ alignSelf: 'flex-start' }} data-testid={`${testId}-add`}
            onClick={() => set({ ...object, [freshKey(object)]: '' })}>Add field</Button>
        </>
      )}
      {helperText && <Typography variant="caption" color={error ? 'error' : 'text.secondary'}>{helperText}</Typography>}
    </Stack>
  );
}
