import MapIcon from '@mui/icons-material/Map';
import PlaceIcon from '@mui/icons-material/Place';
import {
  BooleanField, Create, Datagrid, DateField, Edit, FunctionField, List, NullableBooleanInput, NumberField, NumberInput, ReferenceField,
  ReferenceInput, SearchInput, SelectInput, Show, SimpleForm, SimpleShowLayout, TextField, TextInput, required,
} from 'react-admin';
import { EmptyState } from '../../components/EmptyState';

const MODES = ['discovery', 'fixed'].map((s) => ({ id: s, name: s }));
const STATUSES = ['draft', 'published', 'archived'].map((s) => ({ id: s, name: s }));

interface Bounds { minX?: number; maxX?: number; minY?: number; maxY?: number }

/** Bounds in chunks, written as four numbers: no JSON to type. */
function BoundsInputs() {
  return (
    <>
      {(['minX', 'maxX', 'minY', 'maxY'] as const).map((k) => (
        <NumberInput key={k} source={`bounds.${k}`} label={`bounds ${k} (chunks)`} step={1} />
      ))}
    </>
  );
}

function boundsText(b?: Bounds | null): string {
  if (!b) return '—';
  return `x ${b.minX ?? '?'}…${b.maxX ?? '?'}, y ${b.minY ?? '?'}…${b.maxY ?? '?'}`;
}

const mapFilters = [<SearchInput source="q" alwaysOn key="q" />, <SelectInput source="status" choices={STATUSES} key="status" />,
  <SelectInput source="mode" choices={MODES} key="mode" />];

/** The maps module's maps: where players spawn (player-spawn resolves START_CELL_POSITION per map). */
function MapList() {
  return (
    <List filters={mapFilters} sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyState create title="No maps yet" hint="A map is where sessions and map assignments place players." />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="mode" emptyText="—" />
        <TextField source="status" emptyText="—" />
        <NumberField source="totalChunks" label="Chunks" />
        <FunctionField label="Bounds" render={(r: { bounds?: Bounds }) => boundsText(r.bounds)} />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}

function MapForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <SelectInput source="mode" choices={MODES} defaultValue={create ? 'discovery' : undefined} />
      <SelectInput source="status" choices={STATUSES} defaultValue={create ? 'draft' : undefined} />
      <NumberInput source="seed" step={1} />
      <NumberInput source="worldConfigId" label="World config id" step={1} />
      <BoundsInputs />
    </SimpleForm>
  );
}

function MapShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="mode" emptyText="—" />
        <TextField source="status" emptyText="—" />
        <NumberField source="seed" emptyText="—" />
        <NumberField source="worldConfigId" label="World config" emptyText="—" />
        <FunctionField label="Bounds" render={(r: { bounds?: Bounds }) => boundsText(r.bounds)} />
        <NumberField source="totalChunks" label="Chunks stored" />
        <DateField source="createdAt" showTime />
        <DateField source="updatedAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}

export const maps = {
  list: MapList,
  create: () => <Create redirect="show"><MapForm create /></Create>,
  edit: () => <Edit mutationMode="pessimistic" redirect="show"><MapForm /></Edit>,
  show: MapShow,
  icon: MapIcon,
  recordRepresentation: 'name',
};

const assignmentFilters = [
  <ReferenceInput source="playerId" reference="players" key="playerId" alwaysOn><SelectInput optionText="username" /></ReferenceInput>,
  <ReferenceInput source="mapId" reference="maps" key="mapId" alwaysOn><SelectInput optionText="name" /></ReferenceInput>,
  <NullableBooleanInput source="isActive" label="Active" key="isActive" />,
];

/** Which player is on which map, where they spawned and where they were last seen. */
function AssignmentList() {
  return (
    <List filters={assignmentFilters} sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyState create title="No map assignments yet" hint="The player-spawn workflow assigns a player to a map when they spawn." />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <ReferenceField source="playerId" reference="players" link="show" />
        <ReferenceField source="mapId" reference="maps" link="show" />
        <BooleanField source="isActive" label="Active" />
        <FunctionField label="Spawn" render={(r: { spawnTileX?: number; spawnTileY?: number }) => tile(r.spawnTileX, r.spawnTileY)} />
        <FunctionField label="Last tile" render={(r: { currentTileX?: number; currentTileY?: number }) => tile(r.currentTileX, r.currentTileY)} />
        <DateField source="assignedAt" showTime />
        <DateField source="leftAt" showTime emptyText="—" />
      </Datagrid>
    </List>
  );
}

function tile(x?: number | null, y?: number | null): string {
  return x == null && y == null ? '—' : `(${x ?? '?'}, ${y ?? '?'})`;
}

function AssignmentForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm>
      <ReferenceInput source="playerId" reference="players">
        <SelectInput optionText="username" validate={create ? required() : undefined} />
      </ReferenceInput>
      <ReferenceInput source="mapId" reference="maps">
        <SelectInput optionText="name" validate={create ? required() : undefined} />
      </ReferenceInput>
      <NumberInput source="spawnTileX" step={1} /><NumberInput source="spawnTileY" step={1} />
      <NumberInput source="currentTileX" step={1} /><NumberInput source="currentTileY" step={1} />
    </SimpleForm>
  );
}

function AssignmentShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <ReferenceField source="playerId" reference="players" link="show" />
        <ReferenceField source="mapId" reference="maps" link="show" />
        <BooleanField source="isActive" label="Active" />
        <NumberField source="spawnTileX" /><NumberField source="spawnTileY" />
        <NumberField source="currentTileX" emptyText="—" /><NumberField source="currentTileY" emptyText="—" />
        <DateField source="assignedAt" showTime />
        <DateField source="leftAt" showTime emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}

export const assignments = {
  list: AssignmentList,
  create: () => <Create redirect="show"><AssignmentForm create /></Create>,
  edit: () => <Edit mutationMode="pessimistic" redirect="show"><AssignmentForm /></Edit>,
  show: AssignmentShow,
  icon: PlaceIcon,
  options: { label: 'Map assignments' },
};
