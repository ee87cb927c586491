import EventIcon from '@mui/icons-material/Bolt';
import {
  Create, Datagrid, DateField, Labeled, List, SearchInput, Show, SimpleForm, SimpleShowLayout, TextField, TextInput,
  required,
} from 'react-admin';
import { JsonField } from '../../components/JsonField';
import { JsonInput } from '../../components/JsonInput';
import { EmptyState } from '../../components/EmptyState';

const filters = [
  <SearchInput source="q" alwaysOn key="q" />,
  <TextInput source="name" helperText="a name, or a prefix ending in *" key="name" />,
  <TextInput source="source" key="source" />,
  <TextInput source="correlationId" key="correlationId" />,
];

function EventList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyState create title="No events yet" hint="Game modules emit events as things change; you can also emit a test event." />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="source" />
        <JsonField source="payload" label="Payload" />
        <TextField source="correlationId" emptyText="" />
        <DateField source="emittedAt" showTime />
      </Datagrid>
    </List>
  );
}

function EventShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="eventId" label="Event id" />
        <TextField source="name" />
        <TextField source="source" />
        <TextField source="correlationId" emptyText="—" />
        <DateField source="emittedAt" showTime />
        <TextField source="seq" label="Delivery order" emptyText="not delivered yet" />
        <Labeled label="Payload"><JsonField source="payload" open /></Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

/** Emits a test event through the bus, as a module would. */
function EventCreate() {
  return (
    <Create redirect="show" title="Emit a test event">
      <SimpleForm defaultValues={{ source: 'dashboard', payload: {} }}>
        <TextInput source="name" validate={required()} helperText="e.g. players.player.created" fullWidth />
        <TextInput source="source" fullWidth />
        <JsonInput source="payload" label="Payload (JSON object)" />
        <TextInput source="correlationId" fullWidth />
      </SimpleForm>
    </Create>
  );
}

export default { list: EventList, show: EventShow, create: EventCreate, icon: EventIcon, options: { label: 'Event log' } };
