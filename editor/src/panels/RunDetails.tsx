import { Box, Divider, Stack, Typography } from '@mui/material';
import type { Json, JsonObject } from '../converters/model';
import type { Decision } from '../canvas/takenPath';
import { guardLabel } from '../canvas/handles';
import { JsonView } from '../components/JsonField';
import { formatDuration, jsonPreview } from '../format';

export interface NodeRun {
  /** The node execution row's id: a loop body runs a node many times, each with attempt 1. */
  id: number;
  attempt: number;
  status: string;
  durationMs?: number;
  input?: Json;
  output?: Json;
  error?: string | null;
  /** The context the node started with (top-level nodes). */
  contextBefore?: Json | null;
}

/** What the node did in the run on the canvas: each attempt with its input, output and error. */
export function RunDetails({ runs }: { runs: NodeRun[] }) {
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

const RESULT_TEXT = { held: 'held: taken', failed: 'did not hold', unasked: 'not asked' } as const;
const RESULT_COLOR = { held: '#1b5e20', failed: '#b71c1c', unasked: 'text.secondary' } as const;

/** Why a condition went the way it did in the run: each branch, the value its key held, and which was taken. */
export function DecisionDetails({ decision, state, bare = false }: { decision: Decision; state: JsonObject; bare?: boolean }) {
  const always = Array.isArray(state.always) ? state.always : [];
  return (
    <Stack spacing={0.5} data-testid="decision">
      {!bare && <Divider />}
      {!bare && <Typography variant="subtitle2">In this run: went to {decision.target}</Typography>}
      {decision.branches.map((b) => (
        <Box key={b.index} data-testid={`decision-${b.index}`} data-result={b.result}>
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>{b.index + 1}. {guardLabel(always[b.index])}</Typography>
          <Typography variant="caption" sx={{ color: RESULT_COLOR[b.result], fontWeight: b.result === 'held' ? 700 : 400 }}>
            {RESULT_TEXT[b.result]}
            {b.key !== undefined && b.hasActual && b.result !== 'unasked'
              ? ` · ${b.key} was ${b.actual === undefined ? 'missing' : jsonPreview(b.actual, 60)}` : ''}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
}
