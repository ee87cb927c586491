import { BooleanInput, Create, SimpleForm, TextInput, required } from 'react-admin';
import { DefinitionInput, STARTER_DEFINITION } from './DefinitionInput';

export function WorkflowCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ enabled: true, definition: STARTER_DEFINITION }}>
        <TextInput source="name" validate={required()} fullWidth />
        <TextInput source="description" multiline fullWidth />
        <TextInput source="triggerEvent" label="Trigger event (optional)" helperText="e.g. players.player.created" fullWidth />
        <BooleanInput source="enabled" />
        <DefinitionInput />
      </SimpleForm>
    </Create>
  );
}
