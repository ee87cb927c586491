import { Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { API, httpClient } from '../dataProvider';
import { formatDuration } from '../format';

export interface DayRuns { day: string; completed: number; failed: number; cancelled: number; other: number }
export interface NodeStats { nodeId: string; runs: number; failed: number; p50Ms: number; p95Ms: number }
export interface Stats { days: number; since: string; runs: DayRuns[]; nodes: NodeStats[] }

const COLORS = { completed: '#2e7d32', failed: '#c62828', cancelled: '#9e9e9e', other: '#f9a825' } as const;
const KINDS = ['completed', 'failed', 'cancelled', 'other'] as const;

/** Every day of the range, oldest first, with the days that had no run as zeros. */
export function everyDay(stats: Pick<Stats, 'days' | 'runs'>, today = new Date()): DayRuns[] {
  const byDay = new Map(stats.runs.map((r) => [r.day, r]));
  const out: DayRuns[] = [];
  for (let i = stats.days - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
    const day = d.toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, completed: 0, failed: 0, cancelled: 0, other: 0 });
  }
  return out;
}

/** Runs per day as stacked bars: completed green, failed red, cancelled grey, still going yellow. */
function RunsChart({ stats }: { stats: Stats }) {
  const days = everyDay(stats);
  const max = Math.max(1, ...days.map((d) => d.completed + d.failed + d.cancelled + d.other));
  const width = 640;
  const height = 140;
  const bar = width / days.length;
  return (
    <Box data-testid="runs-chart">
      <svg width="100%" viewBox={`0 0 ${width} ${height + 18}`} role="img" aria-label="runs per day" style={{ maxWidth: width }}>
        {days.map((d, i) => {
          let y = height;
          return (
            <g key={d.day}>
              {KINDS.map((k) => {
                const h = (d[k] / max) * height;
                y -= h;
                return h > 0 ? (
                  <rect key={k} x={i * bar + 2} y={y} width={Math.max(1, bar - 4)} height={h} fill={COLORS[k]}>
                    <title>{`${d.day}: ${d[k]} ${k}`}</title>
                  </rect>
                ) : null;
              })}
              {(i % Math.ceil(days.length / 7) === 0 || i === days.length - 1) && (
                <text x={i * bar + bar / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="currentColor">{d.day.slice(5)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <Stack direction="row" spacing={2}>
        {KINDS.map((k) => (
          <Typography key={k} variant="caption" sx={{ color: COLORS[k] }}>
            ■ {k === 'other' ? 'still going' : k} {days.reduce((n, d) => n + d[k], 0)}
          </Typography>
        ))}
      </Stack>
    </Box>
  );
}

/** Each node's p50 and p95 as bars on one scale, with its failures. */
function NodesChart({ nodes }: { nodes: NodeStats[] }) {
  const max = Math.max(1, ...nodes.map((n) => n.p95Ms));
  return (
    <Table size="small" data-testid="nodes-chart">
      <TableHead>
        <TableRow><TableCell>Node</TableCell><TableCell>Runs</TableCell><TableCell>Failed</TableCell><TableCell sx={{ width: '50%' }}>Duration p50 / p95</TableCell></TableRow>
      </TableHead>
      <TableBody>
        {nodes.map((n) => (
          <TableRow key={n.nodeId} data-testid={`node-stats-${n.nodeId}`}>
            <TableCell>{n.nodeId}</TableCell>
            <TableCell>{n.runs}</TableCell>
            <TableCell sx={{ color: n.failed > 0 ? 'error.main' : undefined }}>{n.failed}</TableCell>
            <TableCell>
              <Tooltip title={`p50 ${formatDuration(n.p50Ms)}, p95 ${formatDuration(n.p95Ms)}`}>
                <Box sx={{ position: 'relative', height: 14, bgcolor: 'action.hover', borderRadius: 1 }}>
                  <Box sx={{ position: 'absolute', left: 0, top: 0, height: 14, borderRadius: 1, bgcolor: 'primary.light', width: `${(n.p95Ms / max) * 100}%` }} />
                  <Box sx={{ position: 'absolute', left: 0, top: 0, height: 14, borderRadius: 1, bgcolor: 'primary.main', width: `${(n.p50Ms / max) * 100}%` }} />
                </Box>
              </Tooltip>
              <Typography variant="caption">{formatDuration(n.p50Ms)} / {formatDuration(n.p95Ms)}</Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A workflow's runs over time and where its time goes, from the stored history (`GET /api/workflows/:id/stats`). */
export function RunCharts({ workflowId, days = 14 }: { workflowId: number; days?: number }) {
  const { data, error } = useQuery({
    queryKey: ['workflow-stats', workflowId, days],
    queryFn: async () => (await httpClient(`${API}/workflows/${workflowId}/stats?days=${days}`)).json as Stats,
  });
  if (error) return <Typography color="error">{(error as Error).message}</Typography>;
  if (!data) return <Typography variant="body2" color="text.secondary">loading…</Typography>;
  return (
    <Stack spacing={2}>
      <Typography variant="subtitle2">Runs per day, last {data.days} days</Typography>
      <RunsChart stats={data} />
      <Typography variant="subtitle2">Nodes over the latest {data.nodes.length ? 'runs (up to 1,000)' : 'runs'}</Typography>
      {data.nodes.length ? <NodesChart nodes={data.nodes} /> : <Typography variant="body2" color="text.secondary">no node has run yet</Typography>}
    </Stack>
  );
}
