import { Button, IconButton, Stack, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { JsonObject } from '../converters/model';
import type { PanelProps } from './types';
import { isObject, withRenamedKey } from './values';

/**
 * What a waiting state waits for (server side `compiler/WaitKind`): each signal or event name
 * has its own handle; an optional timeout goes on after that many milliseconds.
 */
export function WaitPanel({ node, state, set, onRenameSlot }: PanelProps) {
  if (!isObject(state.on)) return null;
  const names = Object.keys(state.on);
  const timeout = isObject(state.after) ? Object.keys(state.after)[0] : undefined;
  const rename = (from: string, to: string) => {
    if (!to || to === from || names.includes(to)) return;
    onRenameSlot(node.id, `on.${from}`, `on.${to}`, withRenamedKey(state, 'on', from, to));
  };
  return (
    <Stack spacing={1.5} data-testid="wait-panel">
      <Typography variant="subtitle2">Waits for (a signal name, or an event such as sessions.session.ended)</Typography>
      {names.map((name, i) => (
        <Stack key={name} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField size="small" fullWidth defaultValue={name} label={`name ${i + 1}`}
            onBlur={(e) => rename(name, e.target.value.trim())} slotProps={{ htmlInput: { 'data-testid': `wait-name-${i}` } }} />
          <IconButton size="small" disabled={names.length === 1} title="Stop waiting for it"
            onClick={() => set((c) => { delete (c.on as JsonObject)[name]; })}><DeleteIcon fontSize="small" /></IconButton>
        </Stack>
      ))}
      <Button size="small" onClick={() => set((c) => {
        const on = c.on as JsonObject;
        let n = names.length + 1;
        while (`signal${n}` in on) n++;
        on[`signal${n}`] = '';
      })}>Add a name</Button>
      <TextField size="small" label="timeout (ms)" type="number" value={timeout ?? ''} helperText="empty: waits for ever"
        slotProps={{ htmlInput: { 'data-testid': 'wait-timeout' } }}
        onChange={(e) => {
          const to = e.target.value;
          if (timeout === undefined) {
            if (to) set((c) => { c.after = { [to]: '' }; });
          } else if (!to) {
            set((c) => { delete c.after; });
          } else if (to !== timeout) {
            onRenameSlot(node.id, `after.${timeout}`, `after.${to}`, withRenamedKey(state, 'after', timeout, to));
          }
        }} />
    </Stack>
  );
}
