import {
  BooleanField, BooleanInput, Datagrid, DateField, List, NumberField, SearchInput, TextField, TextInput,
} from 'react-admin';
import { EmptyState } from '../../components/EmptyState';

const filters = [
  <SearchInput source="q" alwaysOn key="q" />,
  <BooleanInput source="enabled" key="enabled" />,
  <TextInput source="triggerEvent" label="Trigger event" key="triggerEvent" />,
];

export function WorkflowList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      empty={
        <EmptyState
          create
          title="No workflows yet"
          hint="A workflow is a state machine the service compiles into a Camel route. Create one here; it can run by hand or start on an event."
        />
      }
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="slug" />
        <NumberField source="version" />
        <BooleanField source="enabled" />
        <TextField source="triggerEvent" label="Trigger" emptyText="by hand" />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}
