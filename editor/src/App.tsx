import { Admin, CustomRoutes, Resource, defaultDarkTheme, defaultLightTheme } from 'react-admin';
import { Route } from 'react-router-dom';
import { WorkflowEditorPage } from './canvas/WorkflowEditor';
import { dataProvider } from './dataProvider';
import workflows from './resources/workflows';
import executions from './resources/executions';
import modules from './resources/modules';
import events from './resources/events';
import wirings from './resources/wirings';
import configs from './resources/configs';
import players from './resources/players';
import sessions from './resources/sessions';

/** The dashboard: routes as DESIGN §9 (`/#/workflows`, `/#/workflows/:id/editor`, `/#/workflow-executions/:id/show`, …). */
export function App() {
  return (
    <Admin dataProvider={dataProvider} theme={defaultLightTheme} darkTheme={defaultDarkTheme} title="Oven Workflows"
      disableTelemetry>
      <Resource name="workflows" {...workflows} />
      <Resource name="workflow-executions" {...executions} />
      <Resource name="event-wirings" {...wirings} />
      <Resource name="events" {...events} />
      <Resource name="modules" {...modules} />
      <Resource name="module-configs" {...configs} />
      <Resource name="players" {...players} />
      <Resource name="sessions" {...sessions} />
      <Resource name="node-types" recordRepresentation="id" />
      <Resource name="wiring-firings" />
      <CustomRoutes>
        <Route path="/workflows/:id/editor" element={<WorkflowEditorPage />} />
      </CustomRoutes>
    </Admin>
  );
}
