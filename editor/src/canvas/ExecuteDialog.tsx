import { useState } from 'react';
import { Button as MuiButton, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, TextField, Typography } from '@mui/material';
import type { Json, JsonObject } from '../converters';
import { readValue } from '../panels/values';

/** A form built from payloadSchema (one field per entry); JSON values where they parse. */
export function ExecuteDialog({ open, onClose, workflow, onRun, pins = 0 }: {
  open: boolean; onClose: () => void; workflow: JsonObject; onRun: (params: JsonObject, test: boolean) => void;
  /** How many nodes have a pinned output (a test run uses them). */
  pins?: number;
}) {
  const schema = (Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema : []) as JsonObject[];
  const [values, setValues] = useState<Record<string, string>>({});
  // Pinned nodes make a test run the default; unticked, the run is a production one.
  const [chosen, setTest] = useState<boolean | null>(null);
  const test = chosen ?? pins > 0;
  const missing = schema.filter((f) => f.required === true && !values[String(f.name)]).map((f) => String(f.name));
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>Execute</DialogTitle>
      <DialogContent>
        {schema.length === 0 && <Typography variant="body2">This workflow takes no payload.</Typography>}
        {schema.map((f) => (
          <TextField key={String(f.name)} fullWidth margin="dense" size="small" label={`${f.name}${f.required ? ' *' : ''}`}
            helperText={String(f.type ?? '')} value={values[String(f.name)] ?? ''}
            slotProps={{ htmlInput: { 'data-testid': `param-${f.name}` } }}
            onChange={(e) => setValues({ ...values, [String(f.name)]: e.target.value })} />
        ))}
        {pins > 0 && (
          <FormControlLabel sx={{ mt: 1 }} control={<Checkbox checked={test} onChange={(e) => setTest(e.target.checked)}
            slotProps={{ input: { 'data-testid': 'run-test' } as object }} />}
            label={`Test run: ${pins} pinned node${pins === 1 ? '' : 's'} use their pinned output`} />
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>Cancel</MuiButton>
        <MuiButton variant="contained" disabled={missing.length > 0} data-testid="run-execute"
          onClick={() => onRun(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')
            .map(([k, v]) => [k, readValue(v) as Json])), pins > 0 && test)}>Run</MuiButton>
      </DialogActions>
    </Dialog>
  );
}
