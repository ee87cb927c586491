import { TextField } from '@mui/material';
import type { JsonObject } from '../converters/model';
import type { PanelProps } from './types';
import { isObject, withRenamedKey } from './values';

/** A delay's wait in milliseconds (`after: { <ms>: target }`); the `core.delay` node is edited as a node. */
export function DelayPanel({ node, state, onRenameSlot }: PanelProps) {
  if (!isObject(state.after) || isObject(state.invoke)) return null;
  return (
    <TextField label="Wait (ms)" size="small" type="number" value={Object.keys(state.after)[0] ?? ''}
      slotProps={{ htmlInput: { 'data-testid': 'delay-ms' } }}
      onChange={(e) => {
        const from = Object.keys(state.after as JsonObject)[0];
        const to = e.target.value;
        if (!to || to === from) return;
        onRenameSlot(node.id, `after.${from}`, `after.${to}`, withRenamedKey(state, 'after', from, to));
      }} />
  );
}
