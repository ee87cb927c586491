import { JsonInput } from '../../components/JsonInput';

/** The definition as JSON text (DESIGN §3); the service validates it on save and answers every problem. */
export function DefinitionInput() {
  return <JsonInput source="definition" label="Definition (JSON)" minRows={12} required />;
}

export const STARTER_DEFINITION = {
  initial: 'hello',
  states: {
    hello: { invoke: { src: 'core.log', input: { message: 'hello from a new workflow' } }, onDone: 'done' },
    done: { type: 'final' },
  },
};
