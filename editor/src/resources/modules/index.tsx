import ExtensionIcon from '@mui/icons-material/Extension';
import {
  ArrayField, BooleanField, ChipField, Datagrid, FunctionField, Labeled, List, Show, SimpleShowLayout,
  SingleFieldList, TabbedShowLayout, TextField,
} from 'react-admin';
import { JsonField } from '../../components/JsonField';

type Module = { name: string; endpoints: unknown[]; events: unknown[]; config: unknown[] };

function ModuleList() {
  return (
    <List pagination={false} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="description" />
        <FunctionField label="Endpoints" render={(m: Module) => m.endpoints?.length ?? 0} />
        <FunctionField label="Events" render={(m: Module) => m.events?.length ?? 0} />
        <FunctionField label="Config keys" render={(m: Module) => m.config?.length ?? 0} />
      </Datagrid>
    </List>
  );
}

function ModuleShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="description" />
        <ArrayField source="dependencies">
          <SingleFieldList linkType={false} empty={<span>none</span>}>
            <FunctionField render={(d: unknown) => <ChipField record={{ name: String(d) }} source="name" size="small" />} />
          </SingleFieldList>
        </ArrayField>
      </SimpleShowLayout>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Endpoints">
          <ArrayField source="endpoints" label={false}>
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <TextField source="nodeType" label="Node type" />
              <TextField source="label" />
              <TextField source="method" />
              <TextField source="route" />
              <JsonField source="inputs" label="Inputs" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Events" path="events">
          <ArrayField source="events" label={false}>
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <TextField source="name" />
              <TextField source="description" />
              <JsonField source="payload" label="Payload" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Config keys" path="config">
          <ArrayField source="config" label={false}>
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <TextField source="key" />
              <TextField source="type" />
              <Labeled label="Default"><JsonField source="defaultValue" /></Labeled>
              <TextField source="description" />
              <BooleanField source="instanceScoped" />
              <BooleanField source="secret" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}

export default { list: ModuleList, show: ModuleShow, icon: ExtensionIcon, recordRepresentation: 'name' };
