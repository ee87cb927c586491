import { useState } from 'react';
import { Alert, Button, Chip, Divider, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import PushPinIcon from '@mui/icons-material/PushPin';
import ScienceIcon from '@mui/icons-material/Science';
import type { Json, JsonObject } from '../converters/model';
import { JsonTree } from '../components/JsonField';
import { API, httpClient } from '../dataProvider';
import { formatDuration, parseJson } from '../format';
import { isObject } from './values';

/** What `POST /api/workflows/:id/test-step` answers. */
export interface StepResult {
  status: 'completed' | 'failed';
  input?: Json;
  output?: Json;
  context?: Json;
  error?: { message: string; status?: number; details?: Json };
  durationMs: number;
}

/** Whether a state has an output pinned for test runs (`meta.pinned.output`). */
export function isPinned(state: JsonObject): boolean {
  return isObject(state.meta) && isObject(state.meta.pinned) && 'output' in state.meta.pinned;
}

/** The state with `output` pinned (or the pin removed with undefined); `from` says where it came from. */
export function withPin(state: JsonObject, output: Json | undefined, from?: string): JsonObject {
  const copy = structuredClone(state);
  const meta: JsonObject = isObject(copy.meta) ? copy.meta : {};
  if (output === undefined) {
    delete meta.pinned;
  } else {
    meta.pinned = from ? { output, from } : { output };
  }
  if (Object.keys(meta).length) copy.meta = meta; else delete copy.meta;
  return copy;
}

/**
 * Test this step: runs only this node on the server with a context — the one it started with
 * in the run on the canvas, or typed — and shows what it answered; a dry run calls no API.
 * Its output (or the run's) can be pinned: test runs then use it instead of running the node.
 * The test runs the saved (live) version of the workflow.
 */
export function TestStepPanel({ workflowId, stateId, state, runContext, runOutput, runId, unsaved, onState }: {
  workflowId: number; stateId: string; state: JsonObject; runContext?: Json; runOutput?: Json; runId?: string | null;
  unsaved: boolean; onState: (state: JsonObject) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [dry, setDry] = useState(false);
  const [result, setResult] = useState<StepResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const contextText = text ?? JSON.stringify(runContext ?? {}, null, 2);
  const parsed = parseJson(contextText);
  const pinned = isPinned(state);
  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { json } = await httpClient(`${API}/workflows/${workflowId}/test-step`, { method: 'POST',
        body: JSON.stringify({ state: stateId, context: parsed.value, ...(dry ? { strategy: 'none' } : {}) }) });
      setResult(json as StepResult);
    } catch (e) {
      const body = (e as { body?: { details?: { path: string; message: string }[] } }).body;
      setProblem(body?.details?.map((d) => `${d.path}: ${d.message}`).join('; ') ?? (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1} data-testid="test-step">
      <Divider />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="subtitle2">Test this step</Typography>
        {pinned && <Chip size="small" color="info" icon={<PushPinIcon />} label="pinned" data-testid="pinned-chip"
          onDelete={() => onState(withPin(state, undefined))} />}
      </Stack>
      {unsaved && <Typography variant="caption" color="warning.main">Runs the saved version: save first to test your changes.</Typography>}
      <TextField size="small" multiline minRows={3} maxRows={10} label="Context it starts with (JSON)" value={contextText}
        error={!!parsed.error} helperText={parsed.error ?? (runContext ? 'as it started in the run on the canvas' : 'no run shown: type one')}
        onChange={(e) => setText(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'test-step-context', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 } } }} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button size="small" variant="outlined" startIcon={<ScienceIcon />} disabled={!!parsed.error || busy} onClick={run}
          data-testid="test-step-run">Test step</Button>
        <FormControlLabel control={<Switch size="small" checked={dry} onChange={(e) => setDry(e.target.checked)} />}
          label={<Typography variant="caption">dry run (no API call)</Typography>} />
      </Stack>
      {problem && <Alert severity="error" data-testid="test-step-problem">{problem}</Alert>}
      {result && (
        <Stack spacing={0.5} data-testid="test-step-result" data-status={result.status}>
          <Typography variant="body2" color={result.status === 'failed' ? 'error' : 'success.main'}>
            {result.status} in {formatDuration(result.durationMs)}
          </Typography>
          {result.error && (
            <Alert severity="error">{result.error.message}{result.error.status ? ` (HTTP ${result.error.status})` : ''}</Alert>
          )}
          {result.error?.details !== undefined && <JsonTree value={result.error.details} />}
          <Typography variant="caption">input</Typography>
          <JsonTree value={result.input ?? null} />
          {result.status === 'completed' && (
            <>
              <Typography variant="caption">output</Typography>
              <JsonTree value={result.output ?? null} />
              <Button size="small" startIcon={<PushPinIcon />} sx={{ alignSelf: 'flex-start' }} data-testid="pin-test-output"
                onClick={() => onState(withPin(state, result.output ?? null, 'test step'))}>Pin this output</Button>
            </>
          )}
        </Stack>
      )}
      {runOutput !== undefined && !result && (
        <Button size="small" startIcon={<PushPinIcon />} sx={{ alignSelf: 'flex-start' }} data-testid="pin-run-output"
          onClick={() => onState(withPin(state, runOutput, runId ? `run ${runId}` : 'a run'))}>Pin the output of the run shown</Button>
      )}
    </Stack>
  );
}
