import { useState } from 'react';
import PeopleIcon from '@mui/icons-material/People';
import KeyIcon from '@mui/icons-material/Key';
import HistoryIcon from '@mui/icons-material/History';
import { Alert, Box, Typography } from '@mui/material';
import {
  BooleanField, BooleanInput, Create, type RaRecord, Datagrid, DateField, DateInput, Edit, List, NumberInput, PasswordInput,
  SearchInput, SelectField, SelectInput, SimpleForm, TextField, TextInput, required, useRecordContext,
} from 'react-admin';
import { JsonField } from '../../components/JsonField';

export const ROLES = [
  { id: 'viewer', name: 'viewer — reads' },
  { id: 'editor', name: 'editor — also creates, edits and runs' },
  { id: 'admin', name: 'admin — also users, tokens, secrets, console' },
];

const userFilters = [<SearchInput source="q" alwaysOn key="q" />, <SelectInput source="role" choices={ROLES} key="role" />];

function UserList() {
  return (
    <List filters={userFilters} sort={{ field: 'username', order: 'ASC' }}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="username" />
        <SelectField source="role" choices={ROLES} optionText="id" />
        <BooleanField source="disabled" />
        <DateField source="createdAt" showTime />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}

function UserCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ role: 'viewer' }}>
        <TextInput source="username" validate={required()} helperText="letters, digits, '.', '_', '@' or '-'" />
        <PasswordInput source="password" validate={required()} helperText="at least 12 characters" />
        <SelectInput source="role" choices={ROLES} validate={required()} />
      </SimpleForm>
    </Create>
  );
}

function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={({ password, role, disabled }: Record<string, unknown>) =>
      ({ role, disabled, ...(password ? { password } : {}) })}>
      <SimpleForm>
        <TextInput source="username" disabled />
        <SelectInput source="role" choices={ROLES} validate={required()} />
        <PasswordInput source="password" label="New password" helperText="leave empty to keep it" />
        <BooleanInput source="disabled" helperText="a disabled user cannot log in" />
      </SimpleForm>
    </Edit>
  );
}

function Revoked() {
  const record = useRecordContext();
  if (!record) return null;
  if (record.revokedAt) return <Typography variant="body2" color="error">revoked</Typography>;
  if (record.expiresAt && new Date(String(record.expiresAt)) < new Date()) {
    return <Typography variant="body2" color="warning.main">expired</Typography>;
  }
  return <Typography variant="body2" color="success.main">active</Typography>;
}

function TokenList() {
  return (
    <List filters={[<SearchInput source="q" alwaysOn key="q" />]} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="prefix" label="Starts with" />
        <SelectField source="role" choices={ROLES} optionText="id" />
        <Revoked />
        <TextField source="createdBy" emptyText="" />
        <DateField source="createdAt" showTime />
        <DateField source="expiresAt" showTime emptyText="never" />
        <TextField source="requestsPerMinute" label="Requests/min" emptyText="∞" />
        <TextField source="executionsPerHour" label="Runs/hour" emptyText="∞" />
        <DateField source="lastUsedAt" showTime emptyText="never" />
      </Datagrid>
    </List>
  );
}

/** Makes a token and shows it once: only its hash is kept. */
function TokenCreate() {
  const [made, setMade] = useState<string | null>(null);
  return (
    <>
      {made && (
        <Alert severity="success" sx={{ m: 2 }} data-testid="new-token">
          Copy this token now; it is not shown again:
          <Box component="code" sx={{ display: 'block', mt: 1, wordBreak: 'break-all' }}>{made}</Box>
        </Alert>
      )}
      <Create redirect={false} mutationOptions={{ onSuccess: (data: RaRecord) => setMade(typeof data.token === 'string' ? data.token : null) }}>
        <SimpleForm defaultValues={{ role: 'viewer' }}>
          <TextInput source="name" validate={required()} helperText="who or what uses it, e.g. ci" />
          <SelectInput source="role" choices={ROLES} validate={required()} />
          <NumberInput source="expiresInDays" helperText="empty: never expires" min={1} max={3650} />
          <NumberInput source="requestsPerMinute" helperText="empty: no limit; past it, 429" min={1} />
          <NumberInput source="executionsPerHour" helperText="empty: no quota on runs started" min={0} />
        </SimpleForm>
      </Create>
    </>
  );
}

const auditFilters = [
  <SearchInput source="q" alwaysOn key="q" />,
  <TextInput source="actor" key="actor" />,
  <TextInput source="action" helperText="e.g. workflows.execute" key="action" />,
  <TextInput source="targetType" key="targetType" />,
  <TextInput source="targetId" key="targetId" />,
  <DateInput source="since" key="since" parse={(v: string) => (v ? new Date(v).toISOString() : v)} />,
];

function AuditList() {
  return (
    <List filters={auditFilters} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="at" showTime />
        <TextField source="actor" />
        <TextField source="role" emptyText="" />
        <TextField source="action" />
        <TextField source="targetType" emptyText="" />
        <TextField source="targetId" emptyText="" />
        <TextField source="status" />
        <TextField source="path" />
        <JsonField source="details" label="Details" />
      </Datagrid>
    </List>
  );
}

export const users = { list: UserList, create: UserCreate, edit: UserEdit, icon: PeopleIcon, options: { label: 'Users' } };
export const tokens = { list: TokenList, create: TokenCreate, icon: KeyIcon, options: { label: 'API tokens' } };
export const auditLog = { list: AuditList, icon: HistoryIcon, options: { label: 'Audit log' } };
