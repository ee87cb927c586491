import { useState } from 'react';
import SettingsIcon from '@mui/icons-material/Settings';
import { Box, Card, CardContent, TextField as MuiTextField, Typography } from '@mui/material';
import {
  BooleanField, BooleanInput, Button, Create, Datagrid, DateField, Edit, List, SelectInput, SimpleForm, TextField,
  TextInput, required, useDataProvider,
} from 'react-admin';
import { JsonField, JsonView } from '../../components/JsonField';
import { ValueInput } from '../../components/ObjectInput';
import { EmptyState } from '../../components/EmptyState';
import type { OvenDataProvider } from '../../dataProvider';

const SCOPES = [{ id: 'module', name: 'module' }, { id: 'instance', name: 'instance' }];

const filters = [
  <TextInput source="q" label="Search" alwaysOn key="q" />,
  <TextInput source="moduleName" label="Module" key="moduleName" />,
  <SelectInput source="scope" choices={SCOPES} key="scope" />,
];

/** Asks the service which value a lookup resolves to, and from which tier. */
function ResolveTester() {
  const dataProvider = useDataProvider<OvenDataProvider>();
  const [moduleName, setModule] = useState('maps');
  const [key, setKey] = useState('START_CELL_POSITION');
  const [scopeId, setScope] = useState('');
  const [answer, setAnswer] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const resolve = async () => {
    setError(null);
    try {
      setAnswer(await dataProvider.resolveConfig(moduleName, key, scopeId || undefined));
    } catch (e) {
      setAnswer(null);
      setError((e as Error).message);
    }
  };
  return (
    <Card sx={{ width: 320, ml: 2, alignSelf: 'flex-start' }}>
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>Resolve tester</Typography>
        <MuiTextField label="Module" size="small" fullWidth margin="dense" value={moduleName} onChange={(e) => setModule(e.target.value)} />
        <MuiTextField label="Key" size="small" fullWidth margin="dense" value={key} onChange={(e) => setKey(e.target.value)} />
        <MuiTextField label="Scope id (optional)" size="small" fullWidth margin="dense" value={scopeId} onChange={(e) => setScope(e.target.value)} />
        <Box sx={{ mt: 1 }}><Button label="Resolve" onClick={resolve} variant="contained" /></Box>
        {error && <Typography color="error" variant="body2" sx={{ mt: 1 }}>{error}</Typography>}
        {answer != null && <Box sx={{ mt: 1 }}><JsonView value={answer} open /></Box>}
      </CardContent>
    </Card>
  );
}

function ConfigList() {
  return (
    <List filters={filters} aside={<ResolveTester />}
      empty={<EmptyState create title="No config rows yet"
        hint="Every key has a schema default (see Modules). Add a row to override it for a module or for one instance (a map id)." />}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="moduleName" label="Module" />
        <TextField source="key" />
        <TextField source="scope" />
        <TextField source="scopeId" emptyText="" />
        <JsonField source="value" label="Value" />
        <BooleanField source="secret" />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}

function ConfigForm() {
  return (
    <SimpleForm>
      <TextInput source="moduleName" label="Module" validate={required()} />
      <TextInput source="key" validate={required()} />
      <SelectInput source="scope" choices={SCOPES} defaultValue="module" />
      <TextInput source="scopeId" label="Scope id (instance scope only)" parse={(v: string) => (v === '' ? null : v)} />
      <ValueInput source="value" label="Value" />
      <TextInput source="description" fullWidth />
      <BooleanInput source="secret" />
    </SimpleForm>
  );
}

export default {
  list: ConfigList,
  create: () => <Create redirect="list"><ConfigForm /></Create>,
  edit: () => <Edit mutationMode="pessimistic" redirect="list"><ConfigForm /></Edit>,
  icon: SettingsIcon,
  options: { label: 'Module config' },
};
