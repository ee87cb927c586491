import { Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { Json, JsonObject } from '../converters/model';
import type { PanelProps } from './types';
import { isObject, readValue, showValue } from './values';

/** A condition's branches: key, operator (the server's list) and value per guard; the last is the default. */
export function GuardPanel({ state, set, lists }: PanelProps) {
  if (!Array.isArray(state.always)) return null;
  const always = state.always as Json[];
  return (
    <Stack spacing={1.5} data-testid="guard-editor">
      <Typography variant="subtitle2">Branches (first that holds wins)</Typography>
      {always.map((entry, i) => {
        const guard = isObject(entry) && isObject(entry.guard) ? entry.guard : undefined;
        if (!guard) return <Typography key={i} variant="body2" color="text.secondary">branch {i + 1}: otherwise</Typography>;
        const params = isObject(guard.params) ? guard.params : {};
        const setParam = (key: string, value: Json | undefined) => set((c) => {
          const g = ((c.always as JsonObject[])[i].guard as JsonObject);
          const p = { ...(isObject(g.params) ? g.params : {}) };
          if (value === undefined) delete p[key]; else p[key] = value;
          g.params = p;
        });
        if (guard.type === 'jsonata') {
          return <TextField key={i} size="small" label={`branch ${i + 1}: JSONata`} value={String(params.expr ?? '')}
            onChange={(e) => setParam('expr', e.target.value)} />;
        }
        const operator = String(params.operator ?? '==');
        // The operator written stays selectable while the server's list loads (or if it no longer knows it).
        const operators = lists.operators.includes(operator) ? lists.operators : [operator, ...lists.operators];
        return (
          <Stack key={i} direction="row" spacing={1}>
            <TextField size="small" label="key" value={String(params.key ?? '')} onChange={(e) => setParam('key', e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': `guard-${i}-key` } }} />
            <TextField select size="small" label="op" value={operator} sx={{ minWidth: 90 }} onChange={(e) => setParam('operator', e.target.value)}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': `guard-${i}-operator` } as object } }}>
              {operators.map((o) => <MenuItem key={o} value={o}>{o}</MenuItem>)}
            </TextField>
            {operator !== 'exists' && operator !== 'not_exists' && (
              <TextField size="small" label="value" value={showValue(params.value)} onChange={(e) => setParam('value', readValue(e.target.value))}
                slotProps={{ htmlInput: { 'data-testid': `guard-${i}-value` } }} />
            )}
          </Stack>
        );
      })}
      <FormControlLabel control={<Checkbox size="small" disabled checked />} label="Last branch without a guard is the default" />
    </Stack>
  );
}
