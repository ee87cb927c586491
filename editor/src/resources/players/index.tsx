import PersonIcon from '@mui/icons-material/Person';
import {
  Create, Datagrid, DateField, Edit, List, NumberField, SearchInput, SelectInput, Show, SimpleForm, SimpleShowLayout,
  TextField, TextInput, required,
} from 'react-admin';
import { EmptyState } from '../../components/EmptyState';

const STATUSES = ['active', 'inactive', 'banned'].map((s) => ({ id: s, name: s }));
const filters = [<SearchInput source="q" alwaysOn key="q" />, <SelectInput source="status" choices={STATUSES} key="status" />];

/** The players module's accounts: creating one emits players.player.created, which wirings and workflows react to. */
function PlayerList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyState create title="No players yet" hint="Creating a player emits players.player.created: wirings and triggered workflows react to it." />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="username" />
        <TextField source="displayName" emptyText="" />
        <TextField source="status" />
        <NumberField source="totalPlayTimeSeconds" label="Play time (s)" />
        <DateField source="createdAt" showTime />
      </Datagrid>
    </List>
  );
}

function PlayerForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm>
      <TextInput source="username" validate={create ? required() : undefined} />
      <TextInput source="displayName" />
      <SelectInput source="status" choices={STATUSES} defaultValue="active" />
    </SimpleForm>
  );
}

function PlayerShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="username" />
        <TextField source="displayName" emptyText="—" />
        <TextField source="status" />
        <NumberField source="totalPlayTimeSeconds" label="Play time (s)" />
        <DateField source="lastSeenAt" showTime emptyText="—" />
        <DateField source="createdAt" showTime />
        <DateField source="updatedAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}

export default {
  list: PlayerList,
  create: () => <Create redirect="show"><PlayerForm create /></Create>,
  edit: () => <Edit mutationMode="pessimistic" redirect="show"><PlayerForm /></Edit>,
  show: PlayerShow,
  icon: PersonIcon,
  recordRepresentation: 'username',
};
