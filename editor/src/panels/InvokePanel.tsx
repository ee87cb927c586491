import { Button, Divider, Stack, TextField, Typography } from '@mui/material';
import { useGetOne } from 'react-admin';
import type { Json, JsonObject } from '../converters/model';
import { ExpressionField } from './ExpressionField';
import { KeyValueEditor } from './KeyValueEditor';
import type { PanelProps } from './types';
import { isObject, readText, readValue, showValue, typeProblem } from './values';

interface Port {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

/**
 * The node a state invokes: one field per input its node type declares (checked against the
 * port's type; objects as name = value rows), outputKey, timeout and retry. Every value can be
 * picked from the variables in scope.
 */
export function InvokePanel({ state, set, variables, onPayloadField, payloadFields = [], lists }: PanelProps) {
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
        const help = problem ?? `${port.type}${port.description ? ` · ${port.description}` : ''}`;
        const setInput = (v: Json | undefined) => setInvoke((i) => {
          const next = { ...(isObject(i.input) ? i.input : {}) };
          if (v === undefined) delete next[port.name]; else next[port.name] = v;
          i.input = next;
        });
        const label = `${port.name}${port.required ? ' *' : ''}`;
        // A required input nothing gives yet can come from the run's payload: one click adds the field and uses it.
        const fromPayload = port.required && value === undefined && onPayloadField && !payloadFields.includes(port.name)
          && /^[A-Za-z_][A-Za-z0-9_]*$/.test(port.name) ? (
            <Button size="small" sx={{ alignSelf: 'flex-start', mt: -1 }} data-testid={`payload-${port.name}`}
              onClick={() => {
                onPayloadField(port.name, lists.types.includes(port.type) ? port.type : 'string');
                setInput(`$.${port.name}`);
              }}>
              take {port.name} from the payload
            </Button>
          ) : null;
        return (
          <Stack key={port.name} spacing={0.5}>
            {port.type === 'object'
              ? <KeyValueEditor label={label} value={value} onChange={setInput} variables={variables}
                  testId={`input-${port.name}`} helperText={help} error={!!problem} />
              : <ExpressionField label={label} value={value} onChange={setInput} variables={variables}
                  testId={`input-${port.name}`} helperText={help} error={!!problem}
                  read={port.type === 'string' ? readText : readValue} />}
            {fromPayload}
          </Stack>
        );
      })}
      <Divider />
      <TextField size="small" label="outputKey" value={String(invoke.outputKey ?? '')} helperText="also store the output under this name"
        slotProps={{ htmlInput: { 'data-testid': 'input-outputKey-field' } }}
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
    </Stack>
  );
}
