import { useState } from 'react';
import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import type { Json, JsonObject } from '../converters';
import { readValue } from '../panels/values';

/** A form built from payloadSchema (one field per entry); JSON values where they parse. */
export function ExecuteDialog({ open, onClose, workflow, onRun }: {
  open: boolean; onClose: () => void; workflow: JsonObject; onRun: (params: JsonObject) => void;
}) {
  const schema = (Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema : []) as JsonObject[];
  const [values, setValues] = useState<Record<string, string>>({});
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
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>Cancel</MuiButton>
        <MuiButton variant="contained" disabled={missing.length > 0} data-testid="run-execute"
          onClick={() => onRun(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')
            .map(([k, v]) => [k, readValue(v) as Json])))}>Run</MuiButton>
      </DialogActions>
    </Dialog>
  );
}
