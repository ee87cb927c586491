import SportsEsportsIcon from '@mui/icons-material/SportsEsports';
import { Datagrid, DateField, List, NumberField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EmptyState } from '../../components/EmptyState';

function SessionList() {
  return (
    <List sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyState title="No sessions yet" hint="Sessions start when a player spawns (the player-spawn workflow) or through the API." />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <ReferenceField source="playerId" reference="players" link="show" />
        <NumberField source="mapId" />
        <DateField source="startedAt" showTime />
        <DateField source="endedAt" showTime emptyText="playing" />
        <NumberField source="tilesTraveled" />
      </Datagrid>
    </List>
  );
}

function SessionShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <ReferenceField source="playerId" reference="players" link="show" />
        <NumberField source="mapId" />
        <DateField source="startedAt" showTime />
        <DateField source="endedAt" showTime emptyText="playing" />
        <NumberField source="startTileX" /><NumberField source="startTileY" />
        <NumberField source="endTileX" /><NumberField source="endTileY" />
        <NumberField source="tilesTraveled" /><NumberField source="chunksLoaded" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: SessionList, show: SessionShow, icon: SportsEsportsIcon };
