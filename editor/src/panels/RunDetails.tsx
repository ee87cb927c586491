import { Box, Divider, Stack, Typography } from '@mui/material';
import type { Json } from '../converters/model';
import { JsonView } from '../components/JsonField';
import { formatDuration } from '../format';

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
