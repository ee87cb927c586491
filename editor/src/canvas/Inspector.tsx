import { useState } from 'react';
import {
  Box, Button, Checkbox, Chip, Divider, FormControlLabel, IconButton, MenuItem, Stack, TextField, Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useGetOne } from 'react-admin';
import type { GraphNode, Json, JsonObject } from '../converters';
import { TRIGGER_ID } from '../converters';
import { JsonView } from '../components/JsonField';
import { formatDuration } from '../format';
import type { Variable } from './variables';

export const OPERATORS = ['==', '!=', '>', '<', '>=', '<=', 'contains', 'exists', 'not_exists', 'in', 'matches'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

interface Port {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

/** How a value is typed in a field: strings as they are, anything else as JSON. */
export function showValue(value: Json | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What a typed text means: JSON when it reads as a number, boolean, null, object or array; else the text. */
export function readValue(text: string): Json | undefined {
  if (text === '') return undefined;
  if (/^\s*(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null|\{[\s\S]*\}|\[[\s\S]*\])\s*$/.test(text)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

function isExpression(value: Json | undefined): boolean {
  return typeof value === 'string' && (value.startsWith('$.') || value === '$' || value.startsWith('$config.')
    || /^\{%[\s\S]*%\}$/.test(value.trim()));
}

/** A type problem of an input value, if any. */
export function typeProblem(type: string, value: Json | undefined): string | undefined {
  if (value === undefined || isExpression(value)) return undefined;
  const ok = (() => {
    switch (type) {
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number';
      case 'boolean': return typeof value === 'boolean';
      case 'object': return !!value && typeof value === 'object' && !Array.isArray(value);
      case 'array': return Array.isArray(value);
      case 'string': return typeof value === 'string';
      default: return true;
    }
  })();
  return ok ? undefined : `must be ${type === 'integer' ? 'an integer' : `a ${type}`} (or a $. expression)`;
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export interface NodeRun {
  /** The node execution row's id: a loop body runs a node many times, each with attempt 1. */
  id: number;
  attempt: number;
  status: string;
  durationMs?: number;
  input?: Json;
  output?: Json;
  error?: string | null;
}

export interface InspectorProps {
  node: GraphNode | null;
  workflow: JsonObject;
  triggerEvent: string;
  variables: Variable[];
  runs: NodeRun[];
  onState: (nodeId: string, state: JsonObject) => void;
  onRenameSlot: (nodeId: string, from: string, to: string, state: JsonObject) => void;
  onWorkflow: (workflow: JsonObject) => void;
  onTriggerEvent: (event: string) => void;
  onDelete: (nodeId: string) => void;
  /** Renames a state; answers why not when it cannot. */
  onRename: (nodeId: string, next: string) => string | undefined;
}

export function Inspector(props: InspectorProps) {
  const { node } = props;
  return (
    <Box sx={{ width: 340, borderLeft: 1, borderColor: 'divider', overflow: 'auto', p: 2, flexShrink: 0 }} data-testid="inspector">
      {!node || node.id === TRIGGER_ID ? <WorkflowSettings {...props} /> : <NodeSettings {...props} node={node} />}
    </Box>
  );
}

function WorkflowSettings({ workflow, triggerEvent, onWorkflow, onTriggerEvent }: InspectorProps) {
  const schema = (Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema : []) as JsonObject[];
  const setSchema = (next: JsonObject[]) => onWorkflow({ ...workflow, payloadSchema: next });
  return (
    <Stack spacing={2}>
      <Typography variant="h6">Trigger</Typography>
      <TextField label="Starts on event" size="small" value={triggerEvent} onChange={(e) => onTriggerEvent(e.target.value)}
        helperText="e.g. players.player.created; empty: runs by hand" slotProps={{ htmlInput: { 'data-testid': 'trigger-event' } }} />
      <Typography variant="subtitle2">Payload (payloadSchema)</Typography>
      {schema.map((field, i) => (
        <Stack sx={{ alignItems: 'center' }} key={i} direction="row" spacing={1}>
          <TextField size="small" label="name" value={String(field.name ?? '')}
            onChange={(e) => setSchema(schema.map((f, j) => (j === i ? { ...f, name: e.target.value } : f)))} />
          <TextField select size="small" label="type" value={String(field.type ?? 'string')} sx={{ minWidth: 100 }}
            onChange={(e) => setSchema(schema.map((f, j) => (j === i ? { ...f, type: e.target.value } : f)))}>
            {TYPES.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
          </TextField>
          <Checkbox size="small" checked={field.required === true} title="required"
            onChange={(e) => setSchema(schema.map((f, j) => (j === i ? { ...f, required: e.target.checked } : f)))} />
          <IconButton size="small" onClick={() => setSchema(schema.filter((_, j) => j !== i))}><DeleteIcon fontSize="small" /></IconButton>
        </Stack>
      ))}
      <Button size="small" onClick={() => setSchema([...schema, { name: '', type: 'string', required: false }])}>Add field</Button>
      <Typography variant="caption" color="text.secondary">
        Select a node to edit it. Drag node types from the palette, connect a node&apos;s handles to the next node.
      </Typography>
    </Stack>
  );
}

function StateIdField({ node, onRename }: { node: GraphNode; onRename: InspectorProps['onRename'] }) {
  const [text, setText] = useState(node.data.stateId);
  const [problem, setProblem] = useState<string | undefined>();
  const commit = () => {
    const why = text.trim() === node.data.stateId ? undefined : onRename(node.id, text.trim());
    setProblem(why);
  };
  return (
    <TextField size="small" label="State id" value={text} error={!!problem} helperText={problem ?? 'press Enter to rename'}
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(); }}
      slotProps={{ htmlInput: { 'data-testid': 'state-id' } }} />
  );
}

function NodeSettings({ node, variables, runs, onState, onRenameSlot, onDelete, onRename }: InspectorProps & { node: GraphNode }) {
  const state = node.data.state;
  const invoke = isObject(state.invoke) ? state.invoke : undefined;
  const src = invoke ? String(invoke.src ?? invoke.type ?? '') : '';
  const [focused, setFocused] = useState<string | null>(null);
  const set = (mutate: (copy: JsonObject) => void) => {
    const copy = structuredClone(state);
    mutate(copy);
    onState(node.id, copy);
  };
  const meta = isObject(state.meta) ? state.meta : {};
  return (
    <Stack spacing={2}>
      <Stack sx={{ alignItems: 'center', justifyContent: 'space-between' }} direction="row">
        <Typography variant="h6" noWrap title={node.data.stateId}>{node.data.stateId}</Typography>
        <IconButton size="small" onClick={() => onDelete(node.id)} title="Delete node"><DeleteIcon /></IconButton>
      </Stack>
      {node.type !== 'region' && <StateIdField key={node.id} node={node} onRename={onRename} />}
      <TextField label="Label" size="small" value={String(meta.label ?? '')}
        onChange={(e) => set((c) => { c.meta = { ...(isObject(c.meta) ? c.meta : {}), label: e.target.value }; })} />
      {node.data.problems?.length ? (
        <Box data-testid="inspector-problems">{node.data.problems.map((p) => <Typography key={p} color="error" variant="body2">{p}</Typography>)}</Box>
      ) : null}
      {invoke && <InvokeSettings src={src} invoke={invoke} set={set} focused={focused} setFocused={setFocused} />}
      {Array.isArray(state.always) && <GuardEditor always={state.always as Json[]} set={set} />}
      {isObject(state.after) && !invoke && (
        <TextField label="Wait (ms)" size="small" type="number" value={Object.keys(state.after)[0] ?? ''}
          slotProps={{ htmlInput: { 'data-testid': 'delay-ms' } }}
          onChange={(e) => {
            const from = Object.keys(state.after as JsonObject)[0];
            const to = e.target.value;
            if (!to || to === from) return;
            const copy = structuredClone(state);
            const after = copy.after as JsonObject;
            after[to] = after[from];
            delete after[from];
            onRenameSlot(node.id, `after.${from}`, `after.${to}`, copy);
          }} />
      )}
      {invoke && (
        <>
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
        </>
      )}
      {runs.length > 0 && <RunDetails runs={runs} />}
    </Stack>
  );
}

function InvokeSettings({ src, invoke, set, focused, setFocused }: {
  src: string; invoke: JsonObject; set: (m: (c: JsonObject) => void) => void; focused: string | null;
  setFocused: (name: string) => void;
}) {
  const { data: type } = useGetOne<{ id: string; label: string; inputs: Port[] }>('node-types', { id: src }, { enabled: !!src, retry: false });
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
    </Stack>
  );
}

function GuardEditor({ always, set }: { always: Json[]; set: (m: (c: JsonObject) => void) => void }) {
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
        return (
          <Stack key={i} direction="row" spacing={1}>
            <TextField size="small" label="key" value={String(params.key ?? '')} onChange={(e) => setParam('key', e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': `guard-${i}-key` } }} />
            <TextField select size="small" label="op" value={operator} sx={{ minWidth: 90 }} onChange={(e) => setParam('operator', e.target.value)}>
              {OPERATORS.map((o) => <MenuItem key={o} value={o}>{o}</MenuItem>)}
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

function RunDetails({ runs }: { runs: NodeRun[] }) {
  return (
    <Stack spacing={1} data-testid="run-details">
      <Divider />
      <Typography variant="subtitle2">In this run</Typography>
      {runs.map((r) => (
        <Box key={r.id}>
          <Typography variant="body2">attempt {r.attempt}: {r.status} {formatDuration(r.durationMs)}</Typography>
          {r.error && <Typography variant="body2" color="error" data-testid="run-error">{r.error}</Typography>}
          <Typography variant="caption">input</Typography><JsonView value={r.input} />
          <Typography variant="caption">output</Typography><JsonView value={r.output} />
        </Box>
      ))}
    </Stack>
  );
}
