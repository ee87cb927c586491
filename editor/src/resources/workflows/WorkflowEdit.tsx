import { BooleanInput, Edit, SimpleForm, TextInput, required } from 'react-admin';

/** Name, description, trigger and enabled. Saving makes a new version and hot-reloads the route. */
export function WorkflowEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={required()} fullWidth />
        <TextInput source="description" multiline fullWidth />
        <TextInput source="triggerEvent" label="Trigger event" helperText="Empty: runs by hand only" fullWidth
          parse={(v: string) => (v === '' ? null : v)} />
        <TextInput source="triggerCondition" label="Trigger condition (JSON: payload key → value)" fullWidth
          format={(v: unknown) => (v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v))}
          parse={(v: string) => {
            if (v.trim() === '') return null;
            try { return JSON.parse(v); } catch { return v; }
          }} />
        <BooleanInput source="enabled" />
      </SimpleForm>
    </Edit>
  );
}
