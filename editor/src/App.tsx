import { Admin, CustomRoutes, Resource, defaultDarkTheme, defaultLightTheme } from 'react-admin';
import { Route } from 'react-router-dom';
import { WorkflowEditorPage } from './canvas/WorkflowEditor';
import { dataProvider } from './dataProvider';
import { authProvider } from './authProvider';
import { OvenLayout } from './components/OvenLayout';
import { auditLog, tokens, users } from './resources/admin';
import workflows from './resources/workflows';
import executions from './resources/executions';
import modules from './resources/modules';
import events from './resources/events';
import wirings from './resources/wirings';
import configs from './resources/configs';
import players from './resources/players';
import sessions from './resources/sessions';
import { assignments, maps } from './resources/maps';
import { imports } from './resources/imports';
import { cluster } from './resources/cluster';

/** The dashboard, behind the service's login (admins also see users, tokens and the audit log): routes as DESIGN §9 (`/#/workflows`, `/#/workflows/:id/editor`, `/#/workflow-executions/:id/show`, …). */
export function App() {
  return (
    <Admin dataProvider={dataProvider} authProvider={authProvider} requireAuth layout={OvenLayout} theme={defaultLightTheme}
      darkTheme={defaultDarkTheme} title="Oven Workflows" disableTelemetry>
      {(role: string | null) => {
        // A viewer's resources have no create or edit pages: react-admin then shows no such buttons.
        const readOnly = <T extends object>(resource: T): T =>
          role === 'viewer' ? { ...resource, create: undefined, edit: undefined } : resource;
        return (
        <>
          <Resource name="workflows" {...readOnly(workflows)} />
          <Resource name="workflow-executions" {...executions} />
          <Resource name="event-wirings" {...readOnly(wirings)} />
          <Resource name="events" {...readOnly(events)} />
          <Resource name="modules" {...modules} />
          <Resource name="module-configs" {...readOnly(configs)} />
          <Resource name="players" {...readOnly(players)} />
          <Resource name="sessions" {...readOnly(sessions)} />
          <Resource name="maps" {...readOnly(maps)} />
          <Resource name="map-assignments" {...readOnly(assignments)} />
          <Resource name="node-types" recordRepresentation="id" />
          <Resource name="node-types/imports" {...imports} />
          <Resource name="wiring-firings" />
          <Resource name="cluster" {...cluster} />
          {role === 'admin' && <Resource name="users" {...users} />}
          {role === 'admin' && <Resource name="tokens" {...tokens} />}
          {role === 'admin' && <Resource name="audit-log" {...auditLog} />}
          <CustomRoutes>
            <Route path="/workflows/:id/editor" element={<WorkflowEditorPage />} />
          </CustomRoutes>
        </>
        );
      }}
    </Admin>
  );
}
