import {
  ArrayField, Button, Datagrid, DateField, Labeled, NumberField, ReferenceField, Show, SimpleShowLayout, TextField,
  TopToolbar, useNotify, useRecordContext, useRedirect, useRefresh,
} from 'react-admin';
import StopIcon from '@mui/icons-material/Stop';
import SchemaIcon from '@mui/icons-material/Schema';
import { JsonField } from '../../components/JsonField';
import { StatusField } from '../../components/StatusField';
import { DurationField } from '../../components/DurationField';
import { API, httpClient } from '../../dataProvider';

function CancelButton() {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !['running', 'waiting'].includes(record.status)) return null;
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

function WatchButton() {
  const record = useRecordContext();
  const redirect = useRedirect();
  if (!record) return null;
  return <Button label="Watch in editor" onClick={() => redirect(`/workflows/${record.workflowId}/editor?execution=${record.id}`)}>
    <SchemaIcon /></Button>;
}

export function ExecutionShow() {
  return (
    <Show actions={<TopToolbar><WatchButton /><CancelButton /></TopToolbar>} queryOptions={{ refetchInterval: (q) =>
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
        <ArrayField source="nodes" label="Nodes">
          <Datagrid bulkActionButtons={false} rowClick={false} data-testid="node-table">
            <TextField source="nodeId" label="Node" />
            <TextField source="nodeType" label="Type" />
            <StatusField source="status" />
            <NumberField source="attempt" />
            <DurationField source="durationMs" label="Duration" />
            <JsonField source="input" label="Input" />
            <JsonField source="output" label="Output" />
            <TextField source="error" emptyText="" />
            <DateField source="startedAt" showTime label="Started" />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
