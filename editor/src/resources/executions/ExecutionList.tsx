import {
  AutocompleteInput, Datagrid, DateField, List, NumberField, ReferenceField, ReferenceInput, SelectInput, TextField,
} from 'react-admin';
import { StatusField } from '../../components/StatusField';
import { EmptyState } from '../../components/EmptyState';

export const STATUSES = ['running', 'waiting', 'paused', 'completed', 'failed', 'cancelled'].map((s) => ({ id: s, name: s }));

const filters = [
  <ReferenceInput source="workflowId" reference="workflows" alwaysOn key="workflowId">
    <AutocompleteInput optionText="name" label="Workflow" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <SelectInput source="status" choices={STATUSES} alwaysOn key="status" />,
];

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
        <DateField source="completedAt" showTime />
      </Datagrid>
    </List>
  );
}
