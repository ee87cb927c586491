import {
  AutocompleteInput, Datagrid, DateField, List, NumberField, ReferenceField, ReferenceInput, SelectInput, TextField,
  useRecordContext,
} from 'react-admin';
import { Box, Tooltip, Typography } from '@mui/material';
import { formatDuration } from '../../format';
import { StatusField } from '../../components/StatusField';
import { EmptyState } from '../../components/EmptyState';

export const STATUSES = ['running', 'waiting', 'paused', 'completed', 'failed', 'cancelled'].map((s) => ({ id: s, name: s }));

const filters = [
  <ReferenceInput source="workflowId" reference="workflows" alwaysOn key="workflowId">
    <AutocompleteInput optionText="name" label="Workflow" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <SelectInput source="status" choices={STATUSES} alwaysOn key="status" />,
];

/** How long the run took, and a bar of where the time went: its slowest nodes, each a share of the bar. */
function RunTimeField(_props: { label?: string }) {
  const record = useRecordContext();
  if (!record) return null;
  const end = record.completedAt ? Date.parse(String(record.completedAt)) : undefined;
  const ms = end !== undefined ? end - Date.parse(String(record.startedAt)) : undefined;
  const parts = (Array.isArray(record.nodeTimes) ? record.nodeTimes : []) as { nodeId: string; ms: number }[];
  const total = parts.reduce((n, p) => n + p.ms, 0);
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="body2">{ms === undefined ? (record.test ? 'test · ' : '') + 'still going' : `${record.test ? 'test · ' : ''}${formatDuration(ms)}`}</Typography>
      {total > 0 && (
        <Box sx={{ display: 'flex', height: 6, borderRadius: 1, overflow: 'hidden', mt: 0.5 }} data-testid="time-split">
          {parts.map((p, i) => (
            <Tooltip key={p.nodeId} title={`${p.nodeId}: ${formatDuration(p.ms)}`}>
              <Box sx={{ width: `${(p.ms / total) * 100}%`, bgcolor: SPLIT[i % SPLIT.length] }} />
            </Tooltip>
          ))}
        </Box>
      )}
    </Box>
  );
}

const SPLIT = ['#1565c0', '#6a1b9a', '#00838f', '#ef6c00', '#2e7d32', '#ad1457'];

export function ExecutionList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyState title="No executions yet" hint="Open a workflow and press Execute, or emit the event it is triggered by." />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <ReferenceField source="workflowId" reference="workflows" link="show" label="Workflow" />
        <NumberField source="workflowVersion" label="Version" />
        <StatusField source="status" />
        <TextField source="currentState" label="State" />
        <TextField source="triggerEvent" emptyText="by hand" />
        <DateField source="startedAt" showTime />
        <RunTimeField label="Duration" />
      </Datagrid>
    </List>
  );
}
