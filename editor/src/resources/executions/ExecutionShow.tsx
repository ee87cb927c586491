import { useState, type ReactElement } from 'react';
import {
  ArrayField, Button, Datagrid, DateField, Labeled, NumberField, ReferenceField, Show, SimpleShowLayout, TextField,
  TopToolbar, useGetOne, useNotify, useRecordContext, useRedirect, useRefresh, useShowContext,
} from 'react-admin';
import {
  Box, Stack, Typography, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField as MuiTextField,
} from '@mui/material';
import StopIcon from '@mui/icons-material/Stop';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import SendIcon from '@mui/icons-material/Send';
import ReplayIcon from '@mui/icons-material/Replay';
import SchemaIcon from '@mui/icons-material/Schema';
import { JsonField } from '../../components/JsonField';
import { StatusField } from '../../components/StatusField';
import type { Definition } from '../../converters';
import { DecisionDetails } from '../../panels/RunDetails';
import { decisionsOf, labelOf, startParams, statesOf, timeShares } from './runView';
import type { RunRow } from './runView';
import { API, httpClient } from '../../dataProvider';
import { formatDuration, parseJson } from '../../format';
import { useCanChange } from '../../components/useCanChange';

function CancelButton() {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !['running', 'waiting', 'paused'].includes(record.status)) return null;
  const cancel = async () => {
    try {
      await httpClient(`${API}/workflow-executions/${record.id}/cancel`, { method: 'POST', body: '{}' });
      notify(`Execution ${record.id} cancelled`, { type: 'success' });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return <Button label="Cancel run" onClick={cancel}><StopIcon /></Button>;
}

/** POSTs to an execution's action (pause, resume, signal) and says how it went. */
function ActionButton({ label, action, body, icon, when }: {
  label: string; action: string; body?: object; icon: ReactElement; when: (status: string) => boolean;
}) {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !when(String(record.status))) return null;
  const run = async () => {
    try {
      await httpClient(`${API}/workflow-executions/${record.id}/${action}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
      notify(`Execution ${record.id}: ${label.toLowerCase()} done`, { type: 'success' });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return <Button label={label} onClick={run}>{icon}</Button>;
}

/** Approve / Reject and any other signal the run's waiting state names (its node row lists them). */
function SignalButtons() {
  const record = useRecordContext();
  if (!record || record.status !== 'waiting') return null;
  const nodes = (record.nodes ?? []) as { nodeId: string; output?: { waitingFor?: string[] } }[];
  const waiting = [...nodes].reverse().find((n) => n.nodeId === record.currentState && n.output?.waitingFor);
  return <>{(waiting?.output?.waitingFor ?? []).map((name) => (
    <ActionButton key={name} label={name.charAt(0).toUpperCase() + name.slice(1)} action="signal" body={{ name }}
      icon={<SendIcon />} when={(status) => status === 'waiting'} />))}</>;
}

/** One click on a failed (or cancelled) execution: a new one starts at the node it stopped at. */
function RetryButton() {
  const record = useRecordContext();
  const notify = useNotify();
  const redirect = useRedirect();
  if (!record || !['failed', 'cancelled'].includes(String(record.status))) return null;
  const retry = async () => {
    try {
      const { json } = await httpClient(`${API}/workflow-executions/${record.id}/retry`, { method: 'POST', body: '{}' });
      notify(`Execution ${json.executionId} retries ${record.id} from ${record.currentState}`, { type: 'success' });
      redirect(`/workflow-executions/${json.executionId}/show`);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return <Button label="Retry from failed node" onClick={retry}><ReplayIcon /></Button>;
}

/**
 * On a node row of an ended execution: run it again from this node, with the context the node
 * started with (editable here), on the version it ran or the workflow's current one.
 */
function RerunFromHereButton() {
  const canChange = useCanChange();
  const node = useRecordContext();
  const { record: execution } = useShowContext();
  const notify = useNotify();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState<'original' | 'current'>('original');
  const [context, setContext] = useState('');
  if (!canChange || !node || !execution || !node.contextBefore || !['completed', 'failed', 'cancelled'].includes(String(execution.status))) {
    return null;
  }
  const parsed = parseJson(context);
  const start = () => {
    setContext(JSON.stringify(node.contextBefore, null, 2));
    setOpen(true);
  };
  const run = async () => {
    try {
      const { json } = await httpClient(`${API}/workflow-executions/${execution.id}/rerun`, {
        method: 'POST', body: JSON.stringify({ from: node.nodeId, version, context: parsed.value }),
      });
      notify(`Execution ${json.executionId} re-runs ${execution.id} from ${node.nodeId}`, { type: 'success' });
      setOpen(false);
      redirect(`/workflow-executions/${json.executionId}/show`);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button label="Re-run from here" onClick={start} data-testid={`rerun-${node.nodeId}`}><ReplayIcon /></Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>Re-run execution {String(execution.id)} from {String(node.nodeId)}</DialogTitle>
        <DialogContent>
          <RadioGroup row value={version} onChange={(e) => setVersion(e.target.value as 'original' | 'current')}>
            <FormControlLabel value="original" control={<Radio />} label={`version ${execution.workflowVersion} (as it ran)`} />
            <FormControlLabel value="current" control={<Radio />} label="the current version" />
          </RadioGroup>
          <MuiTextField label="Context it starts with (JSON)" value={context} onChange={(e) => setContext(e.target.value)}
            multiline minRows={8} fullWidth margin="dense" error={!!parsed.error}
            helperText={parsed.error ?? 'as this node started with it; secrets show masked and are looked up again'}
            slotProps={{ htmlInput: { 'data-testid': 'rerun-context', style: { fontFamily: 'monospace' } } }} />
        </DialogContent>
        <DialogActions>
          <Button label="Cancel" onClick={() => setOpen(false)} />
          <Button label="Run" onClick={run} disabled={!!parsed.error} variant="contained" />
        </DialogActions>
      </Dialog>
    </>
  );
}

/** The definition of the execution the page shows (inside a node row too). */
function useDefinition0(): Definition | undefined {
  const { record } = useShowContext();
  const { data } = useGetOne<{ id: number; definition: Definition }>('workflows', { id: Number(record?.workflowId ?? 0) },
    { enabled: !!record?.workflowId });
  return data?.definition;
}

/** Starts the workflow again with the params this run started with. */
function RunAgainButton() {
  const record = useRecordContext();
  const definition = useDefinition0();
  const notify = useNotify();
  const redirect = useRedirect();
  if (!record || !definition || record.triggerEvent) return null;
  const params = startParams(definition, (record.nodes ?? []) as RunRow[], record.triggerPayload);
  const run = async () => {
    try {
      const { json } = await httpClient(`${API}/workflows/${record.workflowId}/execute`, { method: 'POST',
        body: JSON.stringify({ params }) });
      notify(`Execution ${json.executionId} started with ${JSON.stringify(params)}`, { type: 'success' });
      redirect(`/workflow-executions/${json.executionId}/show`);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return <Button label="Run again with these params" onClick={run} title={JSON.stringify(params)}><ReplayIcon /></Button>;
}

/** A node row's state: its label as written in the workflow, its id below when they differ. */
/** (`label` is the column's header, read by the Datagrid.) */
function NodeLabelField(_props: { label?: string }) {
  const node = useRecordContext();
  const definition = useDefinition0();
  if (!node) return null;
  const label = labelOf(statesOf(definition), String(node.nodeId));
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>{label}</Typography>
      {label !== node.nodeId && <Typography variant="caption" color="text.secondary">{String(node.nodeId)}</Typography>}
    </Box>
  );
}

/** A row's duration with a bar of its share of the run's node time: where the time went. */
function TimeField(_props: { label?: string }) {
  const node = useRecordContext();
  const { record: execution } = useShowContext();
  if (!node || !execution) return null;
  const rows = (execution.nodes ?? []) as (RunRow & { id: number })[];
  const at = rows.findIndex((r) => r.id === node.id);
  const share = at >= 0 ? timeShares(rows)[at] : 0;
  return (
    <Box sx={{ minWidth: 90 }} title={`${Math.round(share * 100)} % of the run's node time`}>
      <Typography variant="body2">{formatDuration(node.durationMs)}</Typography>
      <Box sx={{ height: 6, borderRadius: 1, bgcolor: 'action.hover' }}>
        <Box data-testid="time-bar" sx={{ height: 6, borderRadius: 1, bgcolor: 'primary.main', width: `${Math.max(2, share * 100)}%` }} />
      </Box>
    </Box>
  );
}

/** What each branching state decided, and the value its key held. */
function DecisionsField() {
  const { record: execution } = useShowContext();
  const definition = useDefinition0();
  if (!execution || !definition) return null;
  const states = statesOf(definition);
  const decisions = decisionsOf(definition, (execution.nodes ?? []) as RunRow[], execution as never);
  if (decisions.size === 0) return <Typography variant="body2" color="text.secondary">no branch was taken in this run</Typography>;
  return (
    <Stack spacing={1} data-testid="decisions">
      {[...decisions.entries()].map(([id, d]) => (
        <Box key={id} data-testid={`decisions-${id}`}>
          <Typography variant="body2"><b>{labelOf(states, id)}</b> went to <b>{labelOf(states, d.target)}</b></Typography>
          <DecisionDetails decision={d} state={states.get(id) ?? {}} bare />
        </Box>
      ))}
    </Stack>
  );
}

function WatchButton() {
  const record = useRecordContext();
  const redirect = useRedirect();
  if (!record) return null;
  return <Button label="Watch in editor" onClick={() => redirect(`/workflows/${record.workflowId}/editor?execution=${record.id}`)}>
    <SchemaIcon /></Button>;
}

function Actions() {
  const canChange = useCanChange();
  return (
    <TopToolbar><WatchButton />{canChange && <RunAgainButton />}
      {canChange && <>
        <SignalButtons />
        <ActionButton label="Pause" action="pause" icon={<PauseIcon />} when={(s) => s === 'running' || s === 'waiting'} />
        <ActionButton label="Resume" action="resume" icon={<PlayArrowIcon />} when={(s) => s === 'paused'} />
        <RetryButton /><CancelButton />
      </>}
    </TopToolbar>
  );
}

function WrappedText({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const text = record?.[source];
  if (!text) return null;
  return <Typography variant="body2" color="error" sx={{ maxWidth: 260, overflowWrap: 'anywhere' }}>{String(text)}</Typography>;
}

export function ExecutionShow() {
  return (
    <Show actions={<Actions />} queryOptions={{ refetchInterval: (q) =>
      ['running', 'waiting'].includes(String(q.state.data?.status)) ? 1000 : false }}>
      <SimpleShowLayout>
        <TextField source="id" />
        <ReferenceField source="workflowId" reference="workflows" link="show" label="Workflow" />
        <NumberField source="workflowVersion" label="Version" />
        <StatusField source="status" />
        <TextField source="currentState" label="Current state" emptyText="—" />
        <TextField source="error" emptyText="—" />
        <DateField source="startedAt" showTime />
        <DateField source="completedAt" showTime emptyText="—" />
        <TextField source="triggerEvent" emptyText="by hand" />
        <Labeled label="Trigger payload"><JsonField source="triggerPayload" /></Labeled>
        <Labeled label="Context"><JsonField source="context" /></Labeled>
        <Labeled label="Decisions"><DecisionsField /></Labeled>
        <ArrayField source="nodes" label="Nodes">
          {/* Fits 1,440 px: JSON cells preview briefly and open to a tree; long errors wrap. */}
          <Datagrid bulkActionButtons={false} rowClick={false} data-testid="node-table"
            sx={{ '& td': { verticalAlign: 'top', px: 1 }, '& th': { px: 1 } }}>
            <NodeLabelField label="Node" />
            <TextField source="nodeType" label="Type" />
            <StatusField source="status" />
            <NumberField source="attempt" label="Attempt" />
            <TimeField label="Duration" />
            <JsonField source="input" label="Input" preview={28} width={260} />
            <JsonField source="output" label="Output" preview={28} width={260} />
            <WrappedText source="error" label="Error" />
            <DateField source="startedAt" showTime label="Started" />
            <RerunFromHereButton />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
