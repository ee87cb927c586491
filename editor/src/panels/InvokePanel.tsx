import { useState } from 'react';
import { Box, Chip, Divider, Stack, TextField, Typography } from '@mui/material';
import { useGetOne } from 'react-admin';
import type { JsonObject } from '../converters/model';
import type { PanelProps } from './types';
import { isObject, readValue, showValue, typeProblem } from './values';

interface Port {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

/**
 * The node a state invokes: one field per input its node type declares (checked against the
 * port's type), outputKey, timeout and retry, and the variables in scope to put in an input.
 */
export function InvokePanel({ state, set, variables }: PanelProps) {
  const [focused, setFocused] = useState<string | null>(null);
  const invoke = isObject(state.invoke) ? state.invoke : undefined;
  const src = invoke ? String(invoke.src ?? invoke.type ?? '') : '';
  const { data: type } = useGetOne<{ id: string; label: string; inputs: Port[] }>('node-types', { id: src },
    { enabled: !!src, retry: false });
  if (!invoke) return null;
  const input = isObject(invoke.input) ? invoke.input : {};
  const ports: Port[] = type?.inputs ?? Object.keys(input).map((name) => ({ name, type: 'any', required: false }));
  const extra = Object.keys(input).filter((k) => !ports.some((p) => p.name === k));
  const retry = isObject(invoke.retry) ? invoke.retry : {};
  const setInvoke = (mutate: (i: JsonObject) => void) => set((c) => mutate(c.invoke as JsonObject));
  return (
    <Stack spacing={1.5}>
      <Typography variant="subtitle2">{type?.label ?? src}</Typography>
      <Typography variant="caption" color="text.secondary">{src}</Typography>
      {[...ports, ...extra.map((name): Port => ({ name, type: 'any', required: false }))].map((port) => {
        const value = input[port.name];
        const problem = port.required && value === undefined ? 'required' : typeProblem(port.type, value);
        return (
          <TextField key={port.name} size="small" label={`${port.name}${port.required ? ' *' : ''}`}
            value={showValue(value)} error={!!problem} helperText={problem ?? `${port.type}${port.description ? ` · ${port.description}` : ''}`}
            onFocus={() => setFocused(port.name)} focused={focused === port.name || undefined}
            slotProps={{ htmlInput: { 'data-testid': `input-${port.name}` } }}
            onChange={(e) => setInvoke((i) => {
              const next = { ...(isObject(i.input) ? i.input : {}) };
              const v = readValue(e.target.value);
              if (v === undefined) delete next[port.name]; else next[port.name] = v;
              i.input = next;
            })} />
        );
      })}
      <Divider />
      <TextField size="small" label="outputKey" value={String(invoke.outputKey ?? '')} helperText="also store the output under this name"
        onChange={(e) => setInvoke((i) => { if (e.target.value) i.outputKey = e.target.value; else delete i.outputKey; })} />
      <TextField size="small" label="timeoutMs" type="number" value={showValue(invoke.timeoutMs)}
        onChange={(e) => setInvoke((i) => { if (e.target.value) i.timeoutMs = Number(e.target.value); else delete i.timeoutMs; })} />
      <Stack direction="row" spacing={1}>
        {(['maxAttempts', 'backoffMs', 'multiplier'] as const).map((key) => (
          <TextField key={key} size="small" label={`retry ${key}`} type="number" value={showValue(retry[key])}
            onChange={(e) => setInvoke((i) => {
              const next = { ...(isObject(i.retry) ? i.retry : {}) };
              if (e.target.value) next[key] = Number(e.target.value); else delete next[key];
              if (Object.keys(next).length) i.retry = next; else delete i.retry;
            })} />
        ))}
      </Stack>
      <Divider />
      <Typography variant="subtitle2">Variables here</Typography>
      <Typography variant="caption" color="text.secondary">
        {focused ? `Click one to put it in “${focused}”.` : 'Click an input, then a variable to use it.'}
      </Typography>
      <Box data-testid="variables" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
        {variables.map((v) => (
          <Chip key={v.path} size="small" label={v.path} title={`from ${v.from}`} clickable disabled={!focused}
            onClick={() => focused && set((c) => { ((c.invoke as JsonObject).input as JsonObject)[focused] = v.path; })} />
        ))}
      </Box>
    </Stack>
  );
}
