import DnsIcon from '@mui/icons-material/Dns';
import { Box, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title } from 'react-admin';
import { API, httpClient } from '../../dataProvider';

import { behind, type Instance } from './lag';

/** The instances of the service on this database (`GET /api/cluster`), refreshed every few seconds. */
function ClusterPage() {
  const { data, error } = useQuery({
    queryKey: ['cluster'],
    queryFn: async () => (await httpClient(`${API}/cluster`)).json as {
      self: string; leaseMs: number; instances: Instance[]; leaders?: Record<string, string | null>;
    },
    refetchInterval: 3000,
  });
  const lagging = behind(data?.instances ?? []);
  return (
    <Card sx={{ mt: 2 }} data-testid="cluster">
      <Title title="Cluster" />
      <CardContent>
        {error && <Typography color="error">{(error as Error).message}</Typography>}
        {data && (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              An instance without a heartbeat for {data.leaseMs / 1000} s counts as gone; its runs go on on another.
            </Typography>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1 }} data-testid="leaders">
              <Typography variant="body2" color="text.secondary">Runs once in the cluster:</Typography>
              {Object.entries(data.leaders ?? {}).map(([name, leader]) => (
                <Chip key={name} size="small" variant="outlined" color={leader ? 'primary' : 'warning'}
                  label={<span><b>{name}</b> on {leader ? <code>{leader}</code> : <i>no instance yet</i>}</span>} />
              ))}
            </Box>
            <Table size="small">
              <TableHead><TableRow>
                <TableCell>Instance</TableCell><TableCell>Host</TableCell><TableCell>PID</TableCell><TableCell>Started</TableCell>
                <TableCell>Last heartbeat</TableCell><TableCell>Workflows running</TableCell><TableCell>State</TableCell>
              </TableRow></TableHead>
              <TableBody>
                {data.instances.map((i) => {
                  const lag = lagging.get(i.id) ?? [];
                  const failures = Object.keys(i.deployFailures ?? {}).length;
                  return (
                  <TableRow key={i.id} data-testid={`instance-${i.id}`}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{i.id}{i.self ? ' (this one)' : ''}</TableCell>
                    <TableCell>{i.host}</TableCell>
                    <TableCell>{i.pid}</TableCell>
                    <TableCell>{new Date(i.startedAt).toLocaleString()}</TableCell>
                    <TableCell>{i.secondsSinceHeartbeat.toFixed(1)} s ago</TableCell>
                    <TableCell data-testid={`deployed-${i.id}`}>
                      {Object.keys(i.deployed ?? {}).length}
                      {lag.length > 0 && (
                        <Chip size="small" color="warning" sx={{ ml: 1 }}
                          label={`behind on ${lag.length === 1 ? 'workflow' : 'workflows'} ${lag.slice(0, 5).join(', ')}`} />
                      )}
                      {failures > 0 && <Chip size="small" color="error" sx={{ ml: 1 }} label={`${failures} failed to deploy`} />}
                    </TableCell>
                    <TableCell>
                      <Chip size="small" label={i.stoppedAt ? 'stopped' : i.alive ? 'alive' : 'gone'}
                        color={i.alive ? 'success' : i.stoppedAt ? 'default' : 'error'} />
                    </TableCell>
                  </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
}

export const cluster = { list: ClusterPage, icon: DnsIcon, options: { label: 'Cluster' } };
