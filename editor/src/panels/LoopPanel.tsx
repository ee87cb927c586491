import { MenuItem, Stack, TextField } from '@mui/material';
import type { Json, JsonObject } from '../converters/model';
import type { PanelProps } from './types';
import { isObject, readValue, showValue } from './values';

/**
 * A loop's settings (server side `compiler/LoopKind`): forEach over a collection (in order, or in
 * parallel batches) or while a guard holds, at most maxIterations times. Its body is edited on
 * the canvas, inside its frame.
 */
export function LoopPanel({ state, set }: PanelProps) {
  if (!isObject(state.loop)) return null;
  const loop = state.loop;
  const type = String(loop.type ?? 'forEach');
  const setLoop = (key: string, value: Json | undefined) => set((c) => {
    const l = c.loop as JsonObject;
    if (value === undefined || value === '') delete l[key]; else l[key] = value;
  });
  const number = (text: string) => (text === '' ? undefined : Number(text));
  return (
    <Stack spacing={1.5} data-testid="loop-panel">
      <TextField select size="small" label="type" value={type} onChange={(e) => setLoop('type', e.target.value)}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'loop-type' } as object } }}>
        <MenuItem value="forEach">for each item</MenuItem>
        <MenuItem value="while">while a guard holds</MenuItem>
      </TextField>
      {type === 'forEach' ? (
        <>
          <TextField size="small" label="collection" value={showValue(loop.collection)} helperText="a list, or $.path to one"
            onChange={(e) => setLoop('collection', readValue(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'loop-collection' } }} />
          <Stack direction="row" spacing={1}>
            <TextField size="small" label="itemVariable" value={String(loop.itemVariable ?? '')}
              onChange={(e) => setLoop('itemVariable', e.target.value)} />
            <TextField size="small" label="indexVariable" value={String(loop.indexVariable ?? '')}
              onChange={(e) => setLoop('indexVariable', e.target.value)} />
          </Stack>
          <TextField size="small" label="parallelBatchSize" type="number" value={showValue(loop.parallelBatchSize)}
            helperText="run this many iterations at once; empty: one after another"
            onChange={(e) => setLoop('parallelBatchSize', number(e.target.value))} />
        </>
      ) : (
        <TextField size="small" label="condition (JSONata)" value={String(isObject(loop.condition) && isObject(loop.condition.params)
          ? loop.condition.params.expr ?? '' : '')} helperText="the body runs again while this holds"
          onChange={(e) => setLoop('condition', e.target.value ? { type: 'jsonata', params: { expr: e.target.value } } : undefined)} />
      )}
      <TextField size="small" label="maxIterations" type="number" value={showValue(loop.maxIterations)}
        onChange={(e) => setLoop('maxIterations', number(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'loop-max' } }} />
    </Stack>
  );
}
