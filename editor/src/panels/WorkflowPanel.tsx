import { Button, Checkbox, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { JsonObject } from '../converters/model';
import type { ServerLists } from './types';

/** The trigger: the event a workflow starts on and its payloadSchema (types from the server's list). */
export function WorkflowPanel({ workflow, triggerEvent, onWorkflow, onTriggerEvent, lists }: {
  workflow: JsonObject; triggerEvent: string; onWorkflow: (workflow: JsonObject) => void;
  onTriggerEvent: (event: string) => void; lists: ServerLists;
}) {
  const schema = (Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema : []) as JsonObject[];
  const setSchema = (next: JsonObject[]) => onWorkflow({ ...workflow, payloadSchema: next });
  return (
    <Stack spacing={2}>
      <Typography variant="h6">Trigger</Typography>
      <TextField label="Starts on event" size="small" value={triggerEvent} onChange={(e) => onTriggerEvent(e.target.value)}
        helperText="e.g. players.player.created; empty: runs by hand" slotProps={{ htmlInput: { 'data-testid': 'trigger-event' } }} />
      <Typography variant="subtitle2">Payload (payloadSchema)</Typography>
      {schema.map((field, i) => {
        const type = String(field.type ?? 'string');
        const types = lists.types.includes(type) ? lists.types : [type, ...lists.types];
        return (
          <Stack sx={{ alignItems: 'center' }} key={i} direction="row" spacing={1}>
            <TextField size="small" label="name" value={String(field.name ?? '')}
              onChange={(e) => setSchema(schema.map((f, j) => (j === i ? { ...f, name: e.target.value } : f)))} />
            <TextField select size="small" label="type" value={type} sx={{ minWidth: 100 }}
              onChange={(e) => setSchema(schema.map((f, j) => (j === i ? { ...f, type: e.target.value } : f)))}>
              {types.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
            </TextField>
            <Checkbox size="small" checked={field.required === true} title="required"
              onChange={(e) => setSchema(schema.map((f, j) => (j === i ? { ...f, required: e.target.checked } : f)))} />
            <IconButton size="small" onClick={() => setSchema(schema.filter((_, j) => j !== i))}><DeleteIcon fontSize="small" /></IconButton>
          </Stack>
        );
      })}
      <Button size="small" onClick={() => setSchema([...schema, { name: '', type: 'string', required: false }])}>Add field</Button>
      <Typography variant="caption" color="text.secondary">
        Select a node to edit it. Drag node types from the palette, connect a node&apos;s handles to the next node.
      </Typography>
    </Stack>
  );
}
