import CableIcon from '@mui/icons-material/Cable';
import {
  AutocompleteInput, BooleanField, BooleanInput, Create, Datagrid, DateField, Edit, Labeled, List, ReferenceInput,
  ReferenceManyField, SearchInput, Show, SimpleForm, SimpleShowLayout, TextField, TextInput, required,
} from 'react-admin';
import { JsonField } from '../../components/JsonField';
import { ObjectInput, usePayloadVariables } from '../../components/ObjectInput';
import { StatusField } from '../../components/StatusField';
import { DurationField } from '../../components/DurationField';
import { EmptyState } from '../../components/EmptyState';

const filters = [
  <SearchInput source="q" alwaysOn key="q" />,
  <TextInput source="sourceEvent" label="Event" key="sourceEvent" />,
];

function WiringList() {
  return (
    <List filters={filters}
      empty={<EmptyState create title="No wirings yet"
        hint='A wiring reacts to an event: "when players.player.created, create a session for the new player".' />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="label" emptyText="—" />
        <TextField source="sourceEvent" label="When" />
        <TextField source="targetAction" label="Then" />
        <BooleanField source="enabled" />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}

/** The wiring's input, each value picked from the source event's payload (inside the form: it watches the event field). */
function TransformInput() {
  const payload = usePayloadVariables();
  return <ObjectInput source="transform" label="With this input (each input = a $. field of the payload or a value; optional)"
    variables={payload} />;
}

function WiringForm() {
  return (
    <SimpleForm>
      <TextInput source="label" fullWidth />
      <TextInput source="description" multiline fullWidth />
      <TextInput source="sourceEvent" label="When this event fires" validate={required()} fullWidth
        helperText="A module's event (see Modules), e.g. players.player.created" />
      <ObjectInput source="condition" label="…and its payload matches (each field = the value it must have; optional)" />
      <ReferenceInput source="targetAction" reference="node-types" perPage={200}>
        <AutocompleteInput label="Then invoke this node type" optionText="id" validate={required()}
          filterToQuery={(q: string) => ({ q })} />
      </ReferenceInput>
      <TransformInput />
      <BooleanInput source="enabled" defaultValue />
    </SimpleForm>
  );
}

function WiringCreate() {
  return <Create redirect="show"><WiringForm /></Create>;
}

function WiringEdit() {
  return <Edit mutationMode="pessimistic" redirect="show"><WiringForm /></Edit>;
}

function WiringShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="label" emptyText="—" />
        <TextField source="description" emptyText="—" />
        <TextField source="sourceEvent" label="When" />
        <Labeled label="Condition"><JsonField source="condition" /></Labeled>
        <TextField source="targetAction" label="Then" />
        <Labeled label="Transform"><JsonField source="transform" /></Labeled>
        <BooleanField source="enabled" />
        <Labeled label="What it did" fullWidth>
          <ReferenceManyField reference="wiring-firings" target="wiringId" sort={{ field: 'id', order: 'DESC' }} perPage={25}
            empty={<EmptyState title="Not fired yet" hint="It fires when its event is emitted." />}>
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <TextField source="eventName" label="Event" />
              <StatusField source="status" />
              <JsonField source="input" label="Input" />
              <JsonField source="output" label="Output" />
              <TextField source="error" emptyText="" />
              <DurationField source="durationMs" label="Duration" />
              <DateField source="firedAt" showTime />
            </Datagrid>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

export default {
  list: WiringList, create: WiringCreate, edit: WiringEdit, show: WiringShow, icon: CableIcon,
  options: { label: 'Wirings' }, recordRepresentation: 'label',
};
