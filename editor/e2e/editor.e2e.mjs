// Browser test of the visual editor against a running service: node e2e/editor.e2e.mjs <baseUrl> [screenshotDir]
// Builds a workflow by drag and drop, saves, runs it and watches it; a failing node; an invalid save;
// and the time to render a 300-node workflow and the frame time while dragging a node in it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from './session.mjs';

const { base, shots, page, step, finish, login, api } = await openSession({ viewport: { width: 1600, height: 1000 } });
const stamp = Date.now();
await step('e00-login', login);

const node = (id) => page.getByTestId(`node-${id}`);
const targetHandle = (id) => page.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle.target`);
async function connect(fromHandleTestId, toNodeId) {
  await page.getByTestId(fromHandleTestId).dragTo(targetHandle(toNodeId));
}
async function dropFromPalette(testId, x, y) {
  await page.getByTestId(testId).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}
async function waitStatus(id, status, timeout = 20_000) {
  await page.waitForFunction(([i, s]) => document.querySelector(`[data-testid="node-${i}"]`)?.getAttribute('data-status') === s,
    [id, status], { timeout });
}

// A workflow that only ends; the rest is built on the canvas.
const built = await api('POST', '/api/workflows', { name: `Canvas ${stamp}`,
  definition: { initial: 'done', states: { done: { type: 'final' } } } });

await step('e01-editor-opens', async () => {
  await page.goto(`${base}/#/workflows/${built.id}/editor`);
  await node('done').waitFor();
  await page.getByTestId('palette-core.setVariable').waitFor();
});

await step('e02-drag-three-nodes', async () => {
  await dropFromPalette('palette-core.setVariable', 250, 160);
  await node('setVariable').waitFor();
  await dropFromPalette('palette-core.log', 250, 330);
  await node('log').waitFor();
  await dropFromPalette('palette-delay', 560, 330);
  await node('wait').waitFor();
});

await step('e03-connect-handles', async () => {
  await connect('handle-__trigger-initial', 'setVariable');
  await connect('handle-setVariable-invoke.onDone', 'log');
  await connect('handle-log-invoke.onDone', 'wait');
  await connect('handle-wait-after.2000', 'done');
  const edges = await page.locator('.react-flow__edge').count();
  if (edges < 4) throw new Error(`expected 4 edges, see ${edges}`);
});

await step('e04-fill-inspector', async () => {
  await node('setVariable').click();
  await page.getByTestId('input-name').fill('greeting');
  await page.getByTestId('input-value').fill('hello canvas');
  await node('log').click();
  await page.getByTestId('input-message').click();
  await page.getByTestId('pick-$.greeting').click(); // the variable picker offers the upstream output
  const message = await page.getByTestId('input-message').inputValue();
  if (message !== '$.greeting') throw new Error(`picked variable gave "${message}"`);
  await node('wait').click();
  await page.getByTestId('delay-ms').fill('300');
});

await step('e05-save', async () => {
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 2 is live/).waitFor();
  const stored = await api('GET', `/api/workflows/${built.id}`);
  const d = stored.definition;
  if (d.initial !== 'setVariable' || d.states.log.invoke.input.message !== '$.greeting' || d.states.wait.after['300'] !== 'done') {
    throw new Error(`stored definition is not what was drawn: ${JSON.stringify(d)}`);
  }
});

await step('e06-execute-and-watch', async () => {
  await page.getByRole('button', { name: 'Execute', exact: true }).first().click();
  await page.getByTestId('run-execute').click();
  for (const id of ['setVariable', 'log', 'wait', 'done']) await waitStatus(id, 'completed');
  await page.getByTestId('run-status').filter({ hasText: 'completed' }).waitFor();
  await node('log').click();
  await page.getByTestId('run-details').getByText('hello canvas').first().waitFor();
});

// A workflow whose API node fails: that node turns red and shows its error.
const failing = await api('POST', '/api/workflows', { name: `Failing ${stamp}`, definition: {
  initial: 'getPlayer',
  states: {
    getPlayer: { invoke: { src: 'players.get', input: { id: 987654321 }, onDone: 'done' } },
    done: { type: 'final' },
  } } });

await step('e07-failed-node-is-red', async () => {
  await page.goto(`${base}/#/workflows/${failing.id}/editor`);
  await node('getPlayer').waitFor();
  await page.getByRole('button', { name: 'Execute', exact: true }).first().click();
  await page.getByTestId('run-execute').click();
  await waitStatus('getPlayer', 'failed');
  await waitStatus('done', 'skipped');
  await node('getPlayer').click();
  const error = await page.getByTestId('run-error').first().innerText();
  if (!/404|not found/i.test(error)) throw new Error(`the failed node shows "${error}"`);
});

await step('e08-invalid-save-marks-node', async () => {
  await dropFromPalette('palette-condition', 500, 250);
  await node('condition').waitFor();
  await connect('handle-getPlayer-invoke.onDone', 'condition');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await node('condition').getByTestId('node-problem').waitFor();
  const stored = await api('GET', `/api/workflows/${failing.id}`);
  if (stored.version !== 1) throw new Error('an invalid save changed the stored workflow');
});

// The story of issue 7: "when a player is created, wait 2 s, then start a session", built by drag and
// drop from the dashboard, triggered by creating a player in the dashboard, watched node by node.
await step('e10-story-create-workflow', async () => {
  // The invalid workflow of e08 is not saved: leaving asks first, and staying keeps the work.
  const menu = page.getByRole('menuitem', { name: 'Workflows' }).first();
  await menu.click();
  await page.getByTestId('leave-guard').waitFor();
  await page.getByTestId('leave-stay').click();
  await node('condition').waitFor();
  await menu.click();
  await page.getByTestId('leave-discard').click();
  await page.waitForURL(/#\/workflows$/);
  await page.goto(`${base}/#/workflows/create`);
  await page.locator('input[name="name"]').fill(`Welcome ${stamp}`);
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.waitForURL(/#\/workflows\/\d+\/show/);
  await page.getByRole('button', { name: 'Open editor' }).click();
  await node('hello').waitFor();
});
const storyId = page.url().match(/workflows\/(\d+)\/editor/)[1];

await step('e11-story-build', async () => {
  await page.getByTestId('palette-trigger').click();
  await page.getByTestId('trigger-event').fill('players.player.created');
  await node('hello').click();
  await page.getByTitle('Delete node').click();
  await dropFromPalette('palette-delay', 120, 150);
  await node('wait').waitFor();
  await page.getByTestId('palette-search').fill('session');
  await dropFromPalette('palette-sessions.create', 120, 470);
  await node('sessionsCreate').waitFor();
  await connect('handle-__trigger-initial', 'wait');
  await connect('handle-wait-after.2000', 'sessionsCreate');
  await connect('handle-sessionsCreate-invoke.onDone', 'done');
  await node('sessionsCreate').click();
  await page.getByTestId('input-playerId').click();
  await page.getByTestId('pick-$.id').click(); // the new player's id, from the event's payload
  await page.getByTestId('input-mapId').fill('1');
  await page.getByTestId('state-id').fill('startSession');
  await page.getByTestId('state-id').press('Enter');
  await node('startSession').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 2 is live/).waitFor();
  const stored = await api('GET', `/api/workflows/${storyId}`);
  if (stored.definition.states.wait.after['2000'] !== 'startSession') throw new Error('the rename did not reach the wait\'s transition');
});

let storyPlayer;
await step('e12-story-trigger-and-watch', async () => {
  await page.getByRole('button', { name: 'Watch runs' }).click();
  const other = await page.context().newPage();
  await other.goto(`${base}/#/players/create`);
  await other.locator('input[name="username"]').fill(`story-${stamp}`);
  await other.getByRole('button', { name: 'Save', exact: true }).first().click();
  await other.waitForURL(/#\/players\/\d+\/show/);
  storyPlayer = other.url().match(/players\/(\d+)\/show/)[1];
  await other.close();
  // Seen while it happens: during the 2 s wait a node is yellow (the wait itself, or, when the wait
  // is long enough to be parked on a persisted timer, the state it resumes at).
  await page.waitForFunction(() => document.querySelector('[data-status="running"]') !== null, null, { timeout: 10_000 });
  await waitStatus('wait', 'completed');
  await waitStatus('startSession', 'completed');
  await waitStatus('done', 'completed');
  const sessions = await api('GET', `/api/sessions?filter=${encodeURIComponent(JSON.stringify({ playerId: Number(storyPlayer) }))}`);
  if (sessions.length < 1) throw new Error(`no session for player ${storyPlayer}`);
  const workflow = await api('GET', `/api/workflows/${storyId}`);
  if (workflow.triggerEvent !== 'players.player.created') throw new Error(`trigger is ${workflow.triggerEvent}`);
  // Other tests share this service: it must not go on starting sessions for their players.
  await api('DELETE', `/api/workflows/${storyId}`);
});

await step('e13-group-drop', async () => {
  await page.goto(`${base}/#/workflows/${built.id}/editor`);
  await node('log').waitFor();
  await dropFromPalette('palette-parallel', 480, 600);
  await page.locator('.react-flow__node[data-id="parallel::left"]').waitFor();
  await page.getByTestId('palette-core.log').dragTo(page.locator('.react-flow__node[data-id="parallel::left"]'),
    { targetPosition: { x: 30, y: 40 } });
  await node('log2').waitFor();
  await page.getByTestId('input-message').fill('in a region');
  await page.getByRole('button', { name: 'Auto-layout' }).click(); // the region grows around its two states
  await connect('handle-parallel::left-start', 'log2');
  await connect('handle-log2-invoke.onDone', 'parallelLeft');
  await connect('handle-wait-after.300', 'parallel');
  await connect('handle-parallel-onDone', 'done');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 3 is live/).waitFor();
  // Dragged out of its region and back in, it stays where it was put.
  const box = await page.locator('.react-flow__node[data-id="log2"]').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 40, canvas.y + canvas.height - 60, { steps: 10 });
  await page.mouse.up();
  const out = await api('GET', `/api/workflows/${built.id}`);
  if (out.version !== 3) throw new Error('the stored workflow changed before a save');
  await page.getByRole('button', { name: 'Validate', exact: true }).first().click();
  await page.getByTestId('node-problem').first().waitFor(); // out of its region, the region no longer starts at it
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version \d+ is live/).waitFor();
  const stored = await api('GET', `/api/workflows/${built.id}`);
  const region = stored.definition.states.parallel?.states?.left;
  if (!region?.states?.log2 || region.initial !== 'log2' || region.states.log2.invoke.onDone !== 'parallelLeft') {
    throw new Error(`the dropped node is not in the region as drawn: ${JSON.stringify(stored.definition.states.parallel)}`);
  }
});

// A wait and a loop open on the canvas with their own panels (kinds/wait.ts, kinds/loop.ts).
await step('e14-wait-and-loop-panels', async () => {
  const made = await api('POST', '/api/workflows', { name: `Kinds ${stamp}`, definition: { initial: 'ask', states: {
    ask: { on: { approve: 'each', reject: 'done' }, after: { 60000: 'done' } },
    each: { loop: { type: 'forEach', collection: '$.items', itemVariable: 'item', maxIterations: 10, bodyInitial: 'body',
      bodyStates: { body: { type: 'final' } } }, onDone: 'done' },
    done: { type: 'final' } } } });
  await page.goto(`${base}/#/workflows/${made.id}/editor`);
  await node('ask').waitFor();
  if (await node('ask').getAttribute('data-kind') !== 'wait') throw new Error('the waiting state is not drawn as a wait');
  await page.getByTestId('handle-ask-on.approve').waitFor();
  await page.getByTestId('handle-ask-after.60000').waitFor();
  await node('ask').click();
  await page.getByTestId('wait-panel').waitFor();
  await page.getByTestId('wait-name-0').fill('approved');
  await page.getByTestId('wait-name-0').blur();
  await page.locator('.react-flow__node[data-id="each"]').click({ position: { x: 20, y: 10 } });
  await page.getByTestId('loop-panel').waitFor();
  await page.getByTestId('loop-max').fill('25');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 2 is live/).waitFor();
  const stored = (await api('GET', `/api/workflows/${made.id}`)).definition;
  if (stored.states.ask.on.approved !== 'each' || stored.states.ask.on.approve !== undefined
    || stored.states.each.loop.maxIterations !== 25 || stored.states.each.loop.bodyStates?.body?.type !== 'final') {
    throw new Error(`the panels did not write what was edited: ${JSON.stringify(stored.states)}`);
  }
});

// The seed's player-spawn pattern built by clicks only: a game API node whose way out branches on its
// result (key picked, operator chosen), a transform mapping in the key/value editor, no JSON typed.
// Run twice (a player without and with a session): the canvas shows which branch held and why.
const spawnFlow = await api('POST', '/api/workflows', { name: `Spawn ${stamp}`, definition: {
  initial: 'done', payloadSchema: [{ name: 'playerId', type: 'number', required: true }], states: { done: { type: 'final' } } } });
const spawnPlayer = await api('POST', '/api/players', { username: `spawn-${stamp}` });
async function runOnCanvas(playerId) {
  await page.getByRole('button', { name: 'Execute', exact: true }).first().click();
  await page.getByTestId('param-playerId').fill(String(playerId));
  await page.getByTestId('run-execute').click();
  await waitStatus('done', 'completed');
}
await step('e15-build-branches-by-clicks', async () => {
  await page.goto(`${base}/#/workflows/${spawnFlow.id}/editor`);
  await node('done').waitFor();
  await page.getByTestId('palette-search').fill('active');
  await dropFromPalette('palette-sessions.getActive', 150, 150);
  await node('sessionsGetActive').waitFor();
  await page.getByTestId('palette-search').fill('');
  await dropFromPalette('palette-core.setVariable', 450, 330);
  await node('setVariable').waitFor();
  await dropFromPalette('palette-core.transform', 150, 500);
  await node('transform').waitFor();
  await connect('handle-__trigger-initial', 'sessionsGetActive');
  await connect('handle-sessionsGetActive-invoke.onDone', 'transform');
  await connect('handle-transform-invoke.onDone', 'done');
  await node('sessionsGetActive').click();
  await page.getByTestId('input-playerId').click();
  await page.getByTestId('pick-$.playerId').click();
  // Its one way out becomes the default branch; the new first branch tests what it answered.
  await page.getByTestId('branch-on-result').click();
  await page.getByTestId('handle-sessionsGetActive-always.1').waitFor();
  await connect('handle-sessionsGetActive-always.0', 'setVariable');
  await connect('handle-setVariable-invoke.onDone', 'transform');
  await page.getByTestId('guard-0-key').click();
  await page.getByTestId('pick-$.sessionsGetActive_output').click();
  await page.getByTestId('guard-0-key').press('End');
  await page.getByTestId('guard-0-key').pressSequentially('.0');
  await page.getByTestId('guard-0-operator').click();
  await page.getByTestId('operator-exists').click();
  await node('setVariable').click();
  await page.getByTestId('input-name').fill('hadSession');
  await page.getByTestId('input-value').fill('true');
  await node('transform').click();
  await page.getByTestId('input-mapping-add').click();
  await page.getByTestId('input-mapping-key-0').fill('spawnFor');
  await page.getByTestId('input-mapping-value-0').click();
  await page.getByTestId('pick-$.playerId').click();
  if (!/unsaved/.test(await page.getByTestId('unsaved').innerText())) throw new Error('the toolbar does not say unsaved');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 2 is live/).waitFor();
  const d = (await api('GET', `/api/workflows/${spawnFlow.id}`)).definition;
  const look = d.states.sessionsGetActive;
  if (look.invoke.input.playerId !== '$.playerId' || look.always?.[0]?.guard?.params?.key !== '$.sessionsGetActive_output.0'
    || look.always[0].guard.params.operator !== 'exists' || look.always[0].target !== 'setVariable'
    || look.always[1].target !== 'transform' || look.invoke.onDone !== undefined
    || d.states.transform.invoke.input.mapping?.spawnFor !== '$.playerId' || d.states.setVariable.invoke.input.value !== true) {
    throw new Error(`stored definition is not what was clicked: ${JSON.stringify(d.states)}`);
  }
  if ((await page.getByTestId('unsaved').innerText()).trim() !== '') throw new Error('still unsaved after a save');
});

await step('e16-see-why-a-branch-was-taken', async () => {
  await runOnCanvas(spawnPlayer.id);
  await page.getByTestId('outcome-sessionsGetActive').filter({ hasText: 'took otherwise → transform' }).waitFor();
  await waitStatus('setVariable', 'skipped');
  const taken = await page.locator('.react-flow__edge.oven-taken').count();
  if (taken !== 3) throw new Error(`expected the 3 edges of the way taken highlighted, see ${taken}`);
  await node('sessionsGetActive').click();
  await page.locator('[data-testid="decision-0"][data-result="failed"]').waitFor();
  const why = await page.getByTestId('decision-0').innerText();
  if (!/\$\.sessionsGetActive_output\.0 was missing/.test(why)) throw new Error(`the decision does not say why: ${why}`);
  // With a session the first branch holds, and the value it tested is shown.
  await api('POST', '/api/sessions', { playerId: spawnPlayer.id, mapId: 1 });
  await runOnCanvas(spawnPlayer.id);
  await page.getByTestId('outcome-sessionsGetActive').filter({ hasText: 'took branch 1 → setVariable' }).waitFor();
  await waitStatus('setVariable', 'completed');
  await node('sessionsGetActive').click();
  await page.locator('[data-testid="decision-0"][data-result="held"]').waitFor();
  // The wide panel: what the node got, its parameters and what it answered, side by side.
  await page.getByTestId('inspector-wide').click();
  await page.getByTestId('wide-input').getByText(String(spawnPlayer.id)).first().waitFor();
  await page.getByTestId('wide-output').getByTestId('json-tree').first().waitFor();
  await page.getByTestId('wide-parameters').getByTestId('guard-editor').waitFor();
  await page.getByTestId('inspector-wide').click();
  // The picker now offers the fields the run had, nested under the node they came from.
  await page.getByTestId('guard-0-key').click();
  await page.getByTestId('pick-$.sessionsGetActive_output.0.id').waitFor();
  await page.keyboard.press('Escape');
});

await step('e16b-execution-page-fits-and-explains', async () => {
  const runId = (await page.getByTestId('run-banner').getByRole('link').innerText()).replace('#', '');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${base}/#/workflow-executions/${runId}/show`);
  await page.getByTestId('decisions-sessionsGetActive').waitFor();
  const said = await page.getByTestId('decisions-sessionsGetActive').innerText();
  if (!/went to setVariable/.test(said) || !/held: taken/.test(said)) throw new Error(`the decision reads: ${said}`);
  await page.getByTestId('time-bar').first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 1440) throw new Error(`the execution page is ${width} px wide at 1,440`);
  await page.getByRole('button', { name: 'Run again with these params' }).click();
  await page.waitForURL((u) => /#\/workflow-executions\/\d+\/show/.test(u.toString()) && !u.toString().includes(`/${runId}/`));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${base}/#/workflows/${spawnFlow.id}/editor`);
  await node('transform').waitFor();
});

await step('e17-unsaved-work-is-guarded', async () => {
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByTestId('unsaved').filter({ hasText: 'layout not saved' }).waitFor();
  // Moving nodes does not change what runs: Execute stays.
  await page.getByRole('button', { name: 'Execute', exact: true }).first().waitFor();
  await node('transform').click();
  await page.getByTestId('input-mapping-add').click();
  await page.getByTestId('unsaved').filter({ hasText: /^\s*· unsaved$/ }).waitFor();
  await page.getByRole('button', { name: /Save & run/ }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="unsaved"]')?.textContent?.trim() === '');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByRole('menuitem', { name: 'Workflows' }).first().click();
  await page.getByTestId('leave-guard').waitFor();
  await page.getByTestId('leave-save').click();
  await page.waitForURL(/#\/workflows$/);
  const stored = await api('GET', `/api/workflows/${spawnFlow.id}`);
  if (stored.version !== 3) throw new Error(`save and leave stored version ${stored.version}`);
});

// Test one step with a typed context, pin what it answered, and a test run uses the pin.
await step('e19-test-a-step-and-pin-it', async () => {
  await page.goto(`${base}/#/workflows/${spawnFlow.id}/editor`);
  await node('sessionsGetActive').click();
  await page.getByTestId('test-step-context').fill(JSON.stringify({ playerId: spawnPlayer.id }));
  await page.getByTestId('test-step-run').click();
  await page.locator('[data-testid="test-step-result"][data-status="completed"]').waitFor();
  const before = await api('GET', `/api/workflow-executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: spawnFlow.id }))}`);
  await page.getByTestId('pin-test-output').click();
  await page.getByTestId('pinned-chip').waitFor();
  await page.getByTestId('pin-sessionsGetActive').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 4 is live/).waitFor();
  const pin = (await api('GET', `/api/workflows/${spawnFlow.id}`)).definition.states.sessionsGetActive.meta?.pinned?.output;
  if (!Array.isArray(pin) || pin.length < 1) throw new Error(`the pinned output is ${JSON.stringify(pin)}`);
  const after = await api('GET', `/api/workflow-executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: spawnFlow.id }))}`);
  if (after.length !== before.length) throw new Error('testing a step started an execution');
  // A test run: the pinned node is not called (its row says pinned), the rest runs.
  await page.getByRole('button', { name: 'Execute', exact: true }).first().click();
  if (!(await page.getByTestId('run-test').isChecked())) throw new Error('a workflow with pins does not offer a test run first');
  await page.getByTestId('param-playerId').fill('987654321');
  await page.getByTestId('run-execute').click();
  await waitStatus('done', 'completed');
  await waitStatus('sessionsGetActive', 'pinned');
  await waitStatus('setVariable', 'completed'); // the pinned sessions hold one: the first branch
});

// The seed's whole player-spawn, built in the editor by clicking, dragging and typing values only
// (no JSON): every action counted. A node added while another is selected follows it, and inputs a
// variable names are filled with it. Run for a new player (no session, no assignment) and again.
const fullSpawn = await api('POST', '/api/workflows', { name: `Player spawn by hand ${stamp}`,
  definition: { initial: 'done', states: { done: { type: 'final' } } } });
const actions = { clicks: 0, drags: 0, typed: 0 };
const click = async (locator) => { actions.clicks++; await locator.click(); };
const dbl = async (testId) => { actions.clicks++; await page.getByTestId(testId).dblclick(); };
const type = async (testId, text) => { actions.typed++; await page.getByTestId(testId).fill(text); };
const drag = async (from, to) => { actions.drags++; await connect(from, to); };
const pick = async (field, path) => { await click(page.getByTestId(field)); await click(page.getByTestId(`pick-${path}`)); };
const search = async (text) => type('palette-search', text);
await step('e20-player-spawn-by-hand', async () => {
  await page.goto(`${base}/#/workflows/${fullSpawn.id}/editor`);
  await node('done').waitFor();
  // Active session? Added while the trigger is selected, it goes between the trigger and done; its
  // playerId becomes a field of the payload with one click (later nodes get it filled in).
  await click(page.getByTestId('palette-trigger'));
  await search('active');
  await dbl('palette-sessions.getActive');
  await node('sessionsGetActive').waitFor();
  await click(page.getByTestId('payload-playerId'));
  await click(page.getByTestId('branch-on-result'));
  await pick('guard-0-key', '$.sessionsGetActive_output');
  actions.typed++; await page.getByTestId('guard-0-key').press('End'); await page.getByTestId('guard-0-key').pressSequentially('.0');
  // …then end it: added while the condition is selected, it takes the first branch.
  await search('update');
  await dbl('palette-sessions.update');
  await node('sessionsUpdate').waitFor();
  await type('input-id', '$.sessionsGetActive_output.0.id');
  await type('input-endedAt', 'now');
  // Last position? After ending the session, and when there was none.
  await search('assignment');
  await dbl('palette-positions.assignments.getActive');
  await node('positionsAssignmentsGetActive').waitFor();
  await drag('handle-sessionsGetActive-always.1', 'positionsAssignmentsGetActive');
  await type('input-outputKey-field', 'assignment');
  await click(page.getByTestId('branch-on-result'));
  await pick('guard-0-key', '$.assignment');
  actions.typed++; await page.getByTestId('guard-0-key').press('End'); await page.getByTestId('guard-0-key').pressSequentially('.currentTileX');
  // Spawn at the last position…
  await search('transform');
  await dbl('palette-core.transform');
  await node('transform').waitFor();
  for (const [i, [k, v]] of [['spawnX', '$.assignment.currentTileX'], ['spawnY', '$.assignment.currentTileY']].entries()) {
    await click(page.getByTestId('input-mapping-add'));
    await type(`input-mapping-key-${i}`, k);
    await type(`input-mapping-value-${i}`, v);
  }
  // …or at the map's START_CELL_POSITION (the otherwise branch).
  await click(node('positionsAssignmentsGetActive'));
  await search('resolve');
  await dbl('palette-core.resolveConfig');
  await node('resolveConfig').waitFor();
  await type('input-moduleName', 'maps');
  await type('input-key', 'START_CELL_POSITION');
  await type('input-scopeId', '$.mapId'); // the payload's mapId, added below
  await type('input-outputKey-field', 'startCell');
  await search('transform');
  await dbl('palette-core.transform');
  await node('transform2').waitFor();
  for (const [i, [k, v]] of [['spawnX', '$.startCell.value.x'], ['spawnY', '$.startCell.value.y']].entries()) {
    await click(page.getByTestId('input-mapping-add'));
    await type(`input-mapping-key-${i}`, k);
    await type(`input-mapping-value-${i}`, v);
  }
  // Start a session and assign the map there (playerId and mapId filled from the payload).
  await search('session');
  await dbl('palette-sessions.create');
  await node('sessionsCreate').waitFor();
  await click(page.getByTestId('payload-mapId'));
  await drag('handle-transform-invoke.onDone', 'sessionsCreate');
  await pick('input-startTileX', '$.spawnX');
  await pick('input-startTileY', '$.spawnY');
  await type('input-outputKey-field', 'session');
  await search('assign');
  await dbl('palette-positions.assignments.create');
  await node('positionsAssignmentsCreate').waitFor();
  for (const field of ['spawnTileX', 'currentTileX']) await pick(`input-${field}`, '$.spawnX');
  for (const field of ['spawnTileY', 'currentTileY']) await pick(`input-${field}`, '$.spawnY');
  await type('input-outputKey-field', 'newAssignment');
  // Laid out and fitted, the whole flow is in view: the last node leads to done.
  await click(page.getByRole('button', { name: 'Auto-layout' }));
  await drag('handle-positionsAssignmentsCreate-invoke.onDone', 'done');
  await click(page.getByRole('button', { name: 'Save', exact: true }).first());
  await page.getByText(/Saved: version 2 is live/).waitFor();
  const schema = (await api('GET', `/api/workflows/${fullSpawn.id}`)).definition.payloadSchema;
  if (JSON.stringify(schema) !== JSON.stringify([{ name: 'playerId', type: 'integer', required: true },
    { name: 'mapId', type: 'integer', required: true }])) throw new Error(`the payload is ${JSON.stringify(schema)}`);
  const total = actions.clicks + actions.drags + actions.typed;
  console.log(`player-spawn by hand: ${total} actions (${actions.clicks} clicks, ${actions.drags} drags, ${actions.typed} typed values), no JSON`);
  writeFileSync(join(shots, 'player-spawn-by-hand.json'), JSON.stringify(actions, null, 2));
});

await step('e21-player-spawn-runs-both-ways', async () => {
  const player = await api('POST', '/api/players', { username: `spawned-${stamp}` });
  const run = async () => {
    await page.getByRole('button', { name: 'Execute', exact: true }).first().click();
    await page.getByTestId('param-playerId').fill(String(player.id));
    await page.getByTestId('param-mapId').fill('1');
    await page.getByTestId('run-execute').click();
    await waitStatus('done', 'completed', 30_000);
  };
  await run();
  await page.getByTestId('outcome-sessionsGetActive').filter({ hasText: 'otherwise → positionsAssignmentsGetActive' }).waitFor();
  await page.getByTestId('outcome-positionsAssignmentsGetActive').filter({ hasText: 'otherwise → resolveConfig' }).waitFor();
  await waitStatus('transform', 'skipped');
  const first = (await api('GET', `/api/workflow-executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: fullSpawn.id }))}`))[0];
  const detail = await api('GET', `/api/workflow-executions/${first.id}`);
  if (!detail.context.session?.id || detail.context.newAssignment?.playerId !== player.id || typeof detail.context.spawnX !== 'number') {
    throw new Error(`the first spawn left ${JSON.stringify(detail.context)}`);
  }
  // Spawned once: the second time it ends the session and spawns at the last position.
  await run();
  await page.getByTestId('outcome-sessionsGetActive').filter({ hasText: 'took branch 1 → sessionsUpdate' }).waitFor();
  await page.getByTestId('outcome-positionsAssignmentsGetActive').filter({ hasText: 'took branch 1 → transform' }).waitFor();
  await waitStatus('resolveConfig', 'skipped');
  const sessions = await api('GET', `/api/sessions?filter=${encodeURIComponent(JSON.stringify({ playerId: player.id }))}`);
  if (sessions.length !== 2 || sessions.filter((x) => x.endedAt === null).length !== 1) {
    throw new Error(`after two spawns the player has sessions ${JSON.stringify(sessions)}`);
  }
});

// A 50-state workflow opens readable (its beginning, text at least 11 px on screen); nodes copy,
// paste and duplicate with the keyboard; ? lists the shortcuts.
const fifty = { initial: 'n0', states: {} };
for (let i = 0; i < 49; i++) {
  fifty.states[`n${i}`] = { invoke: { src: 'core.log', input: { message: `step ${i}` }, onDone: i < 48 ? `n${i + 1}` : 'end' } };
}
fifty.states.end = { type: 'final' };
const fiftyFlow = await api('POST', '/api/workflows', { name: `Fifty ${stamp}`, definition: fifty });
await step('e18-fifty-states-readable-copy-paste', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await page.goto(`${base}/#/workflows/${fiftyFlow.id}/editor`);
  await node('n0').waitFor();
  const px = await page.evaluate(() => {
    const label = document.querySelector('[data-testid="node-n0"] p');
    const viewport = document.querySelector('.react-flow__viewport');
    const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return parseFloat(getComputedStyle(label).fontSize) * scale;
  });
  if (px < 11) throw new Error(`a node's title is ${px.toFixed(1)} px on screen at the default zoom`);
  const box = await node('n0').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!box || box.y < canvas.y || box.y + box.height > canvas.y + canvas.height) throw new Error('the flow does not open at its beginning');
  await node('n1').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await node('n1Copy').waitFor();
  await page.keyboard.press('Control+d');
  await node('n1Copy2').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 2 is live/).waitFor();
  const d = (await api('GET', `/api/workflows/${fiftyFlow.id}`)).definition;
  if (d.states.n1Copy?.invoke?.input?.message !== 'step 1' || d.states.n1Copy.invoke.onDone !== 'n2' || !d.states.n1Copy2) {
    throw new Error(`the pasted states are not as copied: ${JSON.stringify([d.states.n1Copy, d.states.n1Copy2])}`);
  }
  // Left to right: a long chain fits a wide screen; the direction is saved with the workflow.
  await page.getByTestId('direction-LR').click();
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.getByText(/Saved: version 3 is live/).waitFor();
  if ((await api('GET', `/api/workflows/${fiftyFlow.id}`)).definition.meta?.layout !== 'LR') throw new Error('the direction was not saved');
  await page.reload();
  await node('n1').waitFor();
  const a = await node('n0').boundingBox();
  const b = await node('n1').boundingBox();
  if (!(b.x > a.x + a.width && Math.abs(b.y - a.y) < 5)) throw new Error(`n1 is not right of n0: ${JSON.stringify([a, b])}`);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts').getByText('Ctrl+V').waitFor();
  await page.keyboard.press('Escape');
});

// 300 nodes without positions: laid out on open. Time to first render, then frame times while dragging.
const big = { initial: 's0', states: {} };
for (let i = 0; i < 299; i++) {
  big.states[`s${i}`] = { invoke: { src: 'core.setVariable', input: { name: 'n', value: i }, onDone: i < 298 ? `s${i + 1}` : 'end' } };
}
big.states.end = { type: 'final' };
const large = await api('POST', '/api/workflows', { name: `Big ${stamp}`, definition: big });
let firstRender;
let frames;
await step('e09-300-nodes', async () => {
  await page.goto(`${base}/#/workflows`);
  await page.locator('main').waitFor();
  const t0 = Date.now();
  await page.goto(`${base}/#/workflows/${large.id}/editor`);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length >= 301, null, { timeout: 30_000 });
  firstRender = Date.now() - t0;
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 2000) window.__tick = requestAnimationFrame(tick); };
    window.__tick = requestAnimationFrame(tick);
  });
  const box = await page.locator('.react-flow__node[data-id="s0"]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
  await page.mouse.up();
  frames = await page.evaluate(() => { cancelAnimationFrame(window.__tick); return window.__frames.slice(1); });
});
const sorted = [...frames].sort((a, b) => a - b);
const p95 = sorted[Math.floor(sorted.length * 0.95)];
const result = { firstRenderMs: firstRender, frames: frames.length, frameMsP50: sorted[Math.floor(sorted.length / 2)],
  frameMsP95: p95, frameMsMax: sorted[sorted.length - 1] };
writeFileSync(join(shots, 'editor-performance.json'), JSON.stringify(result, null, 2));
console.log(`300-node workflow: first render ${firstRender} ms; dragging: ${frames.length} frames, p50 ${result.frameMsP50.toFixed(1)} ms, `
  + `p95 ${p95.toFixed(1)} ms, max ${result.frameMsMax.toFixed(1)} ms`);

await finish('editor');
