import { useState } from 'react';
import {
  BooleanField, Button, Datagrid, DateField, EditButton, Labeled, NumberField, ReferenceManyField, Show,
  TabbedShowLayout, TextField, TopToolbar, useDataProvider, useNotify, useRecordContext, useRedirect, useRefresh,
} from 'react-admin';
import { useCanChange } from '../../components/useCanChange';
import { useQuery } from '@tanstack/react-query';
import {
  Dialog, DialogActions, DialogContent, DialogTitle, TextField as MuiTextField, Table, TableBody, TableCell,
  TableHead, TableRow, Typography,
} from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import RestoreIcon from '@mui/icons-material/Restore';
import SchemaIcon from '@mui/icons-material/Schema';
import { JsonField, JsonView } from '../../components/JsonField';
import { StatusField } from '../../components/StatusField';
import { EmptyState } from '../../components/EmptyState';
import { RunCharts } from '../../components/RunCharts';
import type { OvenDataProvider } from '../../dataProvider';
import { parseJson } from '../../format';

/** Runs the workflow with params typed as JSON, then opens the execution. */
function ExecuteButton() {
  const record = useRecordContext();
  const dataProvider = useDataProvider<OvenDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [params, setParams] = useState('{}');
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const parsed = parseJson(params);
  const run = async () => {
    setBusy(true);
    try {
      const started = await dataProvider.execute(record.id, parsed.value);
      notify(`Execution ${started.executionId} started`, { type: 'success' });
      setOpen(false);
      redirect('show', 'workflow-executions', started.executionId);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button label="Execute" onClick={() => setOpen(true)} disabled={!record.enabled}>
        <PlayArrowIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>Execute {record.name}</DialogTitle>
        <DialogContent>
          <MuiTextField
            label="Params (JSON)"
            value={params}
            onChange={(e) => setParams(e.target.value)}
            multiline
            minRows={6}
            fullWidth
            margin="dense"
            error={!!parsed.error}
            helperText={parsed.error ?? 'Checked against the workflow\'s payloadSchema by the service'}
            slotProps={{ htmlInput: { 'data-testid': 'execute-params', style: { fontFamily: 'monospace' } } }}
          />
        </DialogContent>
        <DialogActions>
          <Button label="Cancel" onClick={() => setOpen(false)} />
          <Button label="Run" onClick={run} disabled={busy || !!parsed.error} variant="contained" />
        </DialogActions>
      </Dialog>
    </>
  );
}

function EditorButton() {
  const record = useRecordContext();
  const redirect = useRedirect();
  if (!record) return null;
  return <Button label="Open editor" onClick={() => redirect(`/workflows/${record.id}/editor`)}><SchemaIcon /></Button>;
}

function ShowActions() {
  const canChange = useCanChange();
  return (
    <TopToolbar>
      <EditorButton />
      {canChange && <ExecuteButton />}
      {canChange && <EditButton />}
    </TopToolbar>
  );
}

/** Every stored version, newest first, each restorable as a new version. */
function Versions() {
  const canChange = useCanChange();
  const record = useRecordContext();
  const dataProvider = useDataProvider<OvenDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['workflow-versions', record?.id, record?.version],
    queryFn: () => dataProvider.versions(record!.id),
    enabled: !!record,
  });
  if (!record || isPending) return null;
  if (error) return <Typography color="error">{(error as Error).message}</Typography>;
  const restore = async (version: number) => {
    try {
      await dataProvider.restore(record.id, version);
      notify(`Version ${version} restored as a new version`, { type: 'success' });
      refresh();
      refetch();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Version</TableCell>
          <TableCell>Saved</TableCell>
          <TableCell>Definition</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {data!.map((v) => (
          <TableRow key={String(v.version)}>
            <TableCell>{String(v.version)}</TableCell>
            <TableCell>{new Date(String(v.createdAt)).toLocaleString()}</TableCell>
            <TableCell><JsonView value={v.definition} /></TableCell>
            <TableCell>
              {canChange && v.version !== record.version && (
                <Button label="Restore" onClick={() => restore(Number(v.version))}><RestoreIcon /></Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RunsTab() {
  const record = useRecordContext();
  return record ? <RunCharts workflowId={Number(record.id)} /> : null;
}

export function WorkflowShow() {
  return (
    <Show actions={<ShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Summary">
          <TextField source="name" />
          <TextField source="slug" />
          <TextField source="description" emptyText="—" />
          <NumberField source="version" />
          <BooleanField source="enabled" />
          <TextField source="triggerEvent" emptyText="runs by hand" />
          <Labeled label="Trigger condition"><JsonField source="triggerCondition" /></Labeled>
          <DateField source="updatedAt" showTime />
          <Labeled label="Definition"><JsonField source="definition" /></Labeled>
          <Labeled label="Latest executions" fullWidth>
            <ReferenceManyField reference="workflow-executions" target="workflowId" sort={{ field: 'id', order: 'DESC' }}
              perPage={10} empty={<EmptyState title="Not run yet" hint="Execute it with the button above, or trigger its event." />}>
              <Datagrid rowClick="show" bulkActionButtons={false}>
                <TextField source="id" />
                <NumberField source="workflowVersion" label="Version" />
                <StatusField source="status" />
                <TextField source="triggerEvent" emptyText="by hand" />
                <DateField source="startedAt" showTime />
                <DateField source="completedAt" showTime />
              </Datagrid>
            </ReferenceManyField>
          </Labeled>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Runs" path="runs">
          <RunsTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Versions" path="versions">
          <Versions />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
