// Browser test of the dashboard against a running service: node e2e/dashboard.e2e.mjs <baseUrl> [screenshotDir]
// Debian Chromium driven by playwright-core. Exits non-zero on the first failed step, with a screenshot of it.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from './session.mjs';

const { base, shots, page, step, finish, login, api } = await openSession({ viewport: { width: 1400, height: 900 } });
const unique = `E2E workflow ${Date.now()}`;

await step('00-login-page', async () => {
  // Nothing shows before a login; a wrong password is refused on the page.
  await page.goto(`${base}/#/workflows`);
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill('not-the-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByText(/wrong user name or password/i).first().waitFor();
  const status = await page.evaluate(async (b) => (await fetch(`${b}/api/workflows`)).status, base);
  if (status !== 401) throw new Error(`the API answered ${status} before a login`);
});

await step('01-dashboard', () => login());

await step('01b-csrf', async () => {
  // Logged in, a change without the CSRF token is refused; with it, it is done.
  const without = await page.evaluate(async (b) => (await fetch(`${b}/api/events`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'e2e.csrf', payload: {} }) })).status, base);
  if (without !== 403) throw new Error(`a change without the CSRF token answered ${without}`);
  const withToken = await page.evaluate(async (b) => (await fetch(`${b}/api/events`, { method: 'POST',
    headers: { 'Content-Type': 'application/json',
      'X-XSRF-TOKEN': decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '') },
    body: JSON.stringify({ name: 'e2e.csrf', payload: {} }) })).status, base);
  if (withToken !== 201 && withToken !== 200) throw new Error(`a change with the CSRF token answered ${withToken}`);
});

await step('02-workflow-create', async () => {
  await page.goto(`${base}/#/workflows/create`);
  await page.locator('input[name="name"]').fill(unique);
  await page.locator('input[name="description"], textarea[name="description"]').first().fill('made by the browser test');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/#\/workflows\/\d+\/show/);
  await page.getByText(unique).first().waitFor();
});
const workflowId = page.url().match(/workflows\/(\d+)\/show/)[1];

await step('03-workflow-search', async () => {
  await page.goto(`${base}/#/workflows`);
  await page.locator('tbody tr').first().waitFor(); // typing before the list has loaded loses keystrokes
  await page.locator('input[name="q"]').fill(unique);
  // The new workflow is also on the unfiltered first page: wait for the filtered list itself.
  await page.waitForURL(/filter=/);
  await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
  const row = await page.locator('tbody tr').first().innerText();
  if (!row.includes(unique)) throw new Error(`searching for "${unique}" shows: ${row}`);
});

await step('04-execute', async () => {
  await page.goto(`${base}/#/workflows/${workflowId}/show`);
  await page.getByRole('button', { name: 'Execute' }).click();
  await page.getByTestId('execute-params').fill('{"who": "e2e"}');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForURL(/#\/workflow-executions\/\d+\/show/);
});

await step('05-execution-nodes', async () => {
  // The node table: node, type, status, attempt, duration, input, output.
  await page.locator('td:has-text("core.log")').first().waitFor();
  // The page follows a running execution (it polls every second) until it is done.
  await page.waitForFunction(() => document.querySelectorAll('[data-status="completed"]').length >= 2
    && document.querySelectorAll('[data-status="running"]').length === 0);
  for (const header of ['Node', 'Type', 'Status', 'Attempt', 'Duration', 'Input', 'Output']) {
    await page.locator(`th:has-text("${header}")`).first().waitFor();
  }
  const row = await page.locator('tr:has(td:has-text("core.log"))').first().innerText();
  if (!row.includes('hello')) throw new Error(`node row shows no state id: ${row}`);
  if (!/\d+(\.\d+)? (ms|s)/.test(row)) throw new Error(`node row shows no duration: ${row}`);
});

await step('05b-rerun-from-a-node', async () => {
  // An ended run again from one of its nodes, with the context that node started with.
  const before = page.url();
  await page.locator('[data-testid^="rerun-"]').first().click();
  await page.getByTestId('rerun-context').waitFor();
  const context = await page.getByTestId('rerun-context').inputValue();
  if (!context.trim().startsWith('{')) throw new Error(`the re-run dialog shows no context: ${context}`);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForURL((u) => /#\/workflow-executions\/\d+\/show/.test(u.toString()) && u.toString() !== before);
  await page.locator('td:has-text("core.log")').first().waitFor();
});

await step('06-executions-list', async () => {
  await page.goto(`${base}/#/workflow-executions`);
  await page.locator('tbody tr').first().waitFor();
  // Each run shows how long it took and where the time went.
  await page.getByTestId('time-split').first().waitFor();
});

await step('06b-runs-charts', async () => {
  await page.goto(`${base}/#/workflows/${workflowId}/show/runs`);
  await page.getByTestId('runs-chart').waitFor();
  const bars = await page.locator('[data-testid="runs-chart"] rect').count();
  if (bars < 1) throw new Error('the runs chart draws no bar for the runs of today');
  await page.getByTestId('node-stats-hello').waitFor();
});

await step('07-invalid-save-shows-error', async () => {
  await page.goto(`${base}/#/event-wirings/create`);
  await page.locator('input[name="sourceEvent"]').fill('nobody.never.emitted');
  await page.locator('input[name="targetAction"]').fill('core.log');
  await page.getByRole('option', { name: 'core.log' }).first().click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/unknown event 'nobody.never.emitted'/).first().waitFor();
});

for (const [name, path] of [['08-events', 'events'], ['09-wirings', 'event-wirings'], ['10-modules', 'modules'],
  ['11-module-configs', 'module-configs'], ['11b-cluster', 'cluster']]) {
  await step(name, async () => {
    await page.goto(`${base}/#/${path}`);
    await page.reload(); // drop notifications left by earlier steps
    await page.locator('main').first().waitFor();
    await page.waitForLoadState('networkidle');
    const error = await page.locator('.MuiAlert-standardError, .MuiSnackbarContent-root').count();
    if (error > 0) throw new Error(`an error is shown on /#/${path}`);
  });
}

await step('11c-cluster-shows-this-instance', async () => {
  await page.goto(`${base}/#/cluster`);
  await page.getByTestId('cluster').getByText('(this one)').waitFor();
  await page.getByTestId('cluster').getByText('alive').first().waitFor();
  // The retention singleton runs on some instance, named on the page.
  await page.getByTestId('leaders').getByText('event-retention', { exact: true }).waitFor();
  await page.getByTestId('leaders').locator('code').first().waitFor();
});

await step('13b-maps-and-assignments', async () => {
  // A map and a player's assignment to it, made and read in the dashboard (no curl, no JSON).
  const mapName = `E2E map ${Date.now()}`;
  await page.goto(`${base}/#/maps/create`);
  await page.locator('input[name="name"]').fill(mapName);
  await page.locator('input[name="bounds.minX"]').fill('-2');
  await page.locator('input[name="bounds.maxX"]').fill('2');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.waitForURL(/#\/maps\/\d+\/show/);
  const mapId = Number(page.url().match(/maps\/(\d+)\/show/)[1]);
  await page.getByText('x -2…2').waitFor();
  const player = await api('POST', '/api/players', { username: `e2e-map-${Date.now()}` });
  await page.goto(`${base}/#/map-assignments/create`);
  await page.getByRole('combobox', { name: /Player/ }).click();
  await page.getByRole('option', { name: player.username }).click();
  await page.getByRole('combobox', { name: /Map/ }).click();
  await page.getByRole('option', { name: mapName }).click();
  await page.locator('input[name="spawnTileX"]').fill('4');
  await page.locator('input[name="spawnTileY"]').fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.waitForURL(/#\/map-assignments\/\d+\/show/);
  const stored = await api('GET', `/api/map-assignments?filter=${encodeURIComponent(JSON.stringify({ playerId: player.id }))}`);
  if (stored.length !== 1 || stored[0].mapId !== mapId || stored[0].spawnTileX !== 4) {
    throw new Error(`the assignment stored is ${JSON.stringify(stored)}`);
  }
  await page.goto(`${base}/#/map-assignments`);
  await page.locator(`tr:has-text("${player.username}")`).first().waitFor();
  await page.locator(`tr:has-text("${player.username}")`).first().getByText('(4, 5)').waitFor();
});

await step('13c-config-and-wiring-without-json', async () => {
  // A config value with fields, and a wiring whose input is built from the event's payload: no JSON typed.
  const mapId = (await api('GET', `/api/maps?sort=${encodeURIComponent('["id","DESC"]')}&range=${encodeURIComponent('[0,0]')}`))[0].id;
  await page.goto(`${base}/#/module-configs/create`);
  await page.locator('input[name="moduleName"]').fill('maps');
  await page.locator('input[name="key"]').fill('START_CELL_POSITION');
  await page.getByRole('combobox', { name: /Scope/ }).first().click();
  await page.getByRole('option', { name: 'instance' }).click();
  await page.locator('input[name="scopeId"]').fill(String(mapId));
  await page.getByTestId('value-value-kind').click();
  await page.getByRole('option', { name: 'fields' }).click();
  for (const [i, [k, v]] of [['x', '3'], ['y', '4']].entries()) {
    await page.getByTestId('value-value-fields-add').click();
    await page.getByTestId(`value-value-fields-key-${i}`).fill(k);
    await page.getByTestId(`value-value-fields-value-${i}`).fill(v);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.waitForURL((u) => !u.toString().includes('/create'));
  const resolved = await api('GET', `/api/module-configs/resolve?moduleName=maps&key=START_CELL_POSITION&scopeId=${mapId}`);
  if (resolved.value?.x !== 3 || resolved.value?.y !== 4 || resolved.source !== 'instance') {
    throw new Error(`the config stored resolves to ${JSON.stringify(resolved)}`);
  }
  await page.goto(`${base}/#/event-wirings/create`);
  await page.locator('input[name="sourceEvent"]').fill('players.player.created');
  await page.locator('input[name="targetAction"]').fill('core.log');
  await page.getByRole('option', { name: 'core.log' }).first().click();
  await page.getByTestId('object-transform-add').click();
  await page.getByTestId('object-transform-key-0').fill('message');
  await page.getByTestId('object-transform-value-0').click();
  await page.getByTestId('pick-$.username').click();
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.waitForURL((u) => !u.toString().includes('/create'));
  const wirings = await api('GET', `/api/event-wirings?sort=${encodeURIComponent('["id","DESC"]')}&range=${encodeURIComponent('[0,0]')}`);
  if (wirings[0]?.transform?.message !== '$.username') throw new Error(`the wiring stored ${JSON.stringify(wirings[0])}`);
  // Deleted once its page is left: the page would otherwise say the record it shows is gone.
  await page.goto(`${base}/#/workflows`);
  await api('DELETE', `/api/event-wirings/${wirings[0].id}`);
});

await step('13d-import-an-api-with-progress', async () => {
  // An OpenAPI document chosen as a file: its operations become node types; the import shows how far it got.
  const name = `e2eapi${Date.now()}`;
  const file = join(tmpdir(), `${name}.json`);
  writeFileSync(file, JSON.stringify({ openapi: '3.0.0', info: { title: 'E2E', version: '1' },
    paths: { '/ping': { get: { operationId: 'ping', responses: { 200: { description: 'ok' } } } } } }));
  await page.goto(`${base}/#/node-types/imports`);
  await page.getByTestId('import-name').fill(name);
  await page.getByTestId('import-base-url').fill('http://127.0.0.1:9');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-run').click();
  await page.locator('[data-testid="import-progress"][data-phase="done"]').waitFor();
  await page.getByTestId('import-made').getByText(`${name}.ping`).waitFor();
  await page.locator(`td:has-text("${name}")`).first().waitFor();
  await api('DELETE', `/api/node-types/imports/${name}`);
});

await step('13-approve-a-waiting-run', async () => {
  // A run that waits for a signal offers one button per signal it waits for.
  const created = await page.evaluate(async ([b, name]) => (await fetch(`${b}/api/workflows`, {
    method: 'POST', headers: { 'Content-Type': 'application/json',
      'X-XSRF-TOKEN': decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '') },
    body: JSON.stringify({ name, definition: { initial: 'ask', states: {
      ask: { on: { approve: 'done', reject: 'no' } }, done: { type: 'final' }, no: { type: 'final' } } } }),
  })).json(), [base, `E2E approval ${Date.now()}`]);
  const run = await page.evaluate(async ([b, id]) => (await fetch(`${b}/api/workflows/${id}/execute?wait=true`, {
    method: 'POST', headers: { 'Content-Type': 'application/json',
      'X-XSRF-TOKEN': decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '') },
    body: '{}' })).json(), [base, created.id]);
  if (run.status !== 'waiting') throw new Error(`the approval run is ${run.status}, not waiting`);
  await page.goto(`${base}/#/workflow-executions/${run.id}/show`);
  await page.getByRole('button', { name: 'Reject' }).waitFor();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText(/approve done/).first().waitFor();
  // The run goes on on the server; the page follows it until the buttons are gone.
  await page.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached' });
  const state = await page.evaluate(async ([b, id]) => {
    for (let i = 0; i < 50; i++) {
      const execution = await (await fetch(`${b}/api/workflow-executions/${id}`)).json();
      if (execution.status === 'completed') return execution;
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  }, [base, run.id]);
  if (!state || state.currentState !== 'done') throw new Error(`approved run ended in ${state && state.currentState}`);
});

await step('12-dark-mode', async () => {
  await page.goto(`${base}/#/workflows`);
  await page.getByLabel(/toggle.*(theme|mode)/i).first().click();
  await page.waitForTimeout(300);
});

await step('14-audit-log', async () => {
  // The admin sees who changed what: the workflow made in step 02, by this login.
  await page.goto(`${base}/#/audit-log`);
  await page.locator('td:has-text("workflows.create")').first().waitFor();
  const row = await page.locator('tr:has(td:has-text("workflows.create"))').first().innerText();
  if (!row.includes('admin')) throw new Error(`the audit row names no actor: ${row}`);
});

await step('15-logout', async () => {
  await page.getByRole('button', { name: /profile|user|account/i }).first().click();
  await page.getByRole('menuitem', { name: /logout/i }).click();
  await page.locator('input[name="username"]').waitFor();
  const status = await page.evaluate(async (b) => (await fetch(`${b}/api/workflows`)).status, base);
  if (status !== 401) throw new Error(`the API answered ${status} after logout`);
});

await step('16-a-viewer-sees-nothing-it-may-not-do', async () => {
  const name = `viewer${Date.now()}`;
  await api('POST', '/api/users', { username: name, password: 'viewer-password-1', role: 'viewer' });
  await login(name, 'viewer-password-1');
  await page.goto(`${base}/#/workflows`);
  await page.locator('tbody tr').first().waitFor();
  if (await page.getByRole('link', { name: /create/i }).count()) throw new Error('a viewer is offered Create');
  await page.locator('tbody tr').first().click();
  await page.waitForURL(/#\/workflows\/\d+\/show/);
  await page.getByRole('button', { name: 'Open editor' }).waitFor();
  if (await page.getByRole('button', { name: 'Execute' }).count()) throw new Error('a viewer is offered Execute');
  if (await page.locator('a[href="#/users"]').count()) throw new Error('a viewer sees the admin pages');
});

await finish('dashboard');
