// What both browser tests share: Debian Chromium through playwright-core, named steps with a
// screenshot each (and of the failure), page errors collected, and the login (OVEN_E2E_USER,
// default admin, and OVEN_E2E_PASSWORD; OVEN_E2E_TOKEN for calls to the API from Node).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function openSession({ viewport }) {
  const base = process.argv[2] ?? 'http://127.0.0.1:8080';
  const shots = process.argv[3] ?? '../target/screenshots';
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await (await browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  async function step(name, run) {
    const started = Date.now();
    try {
      await run();
      await page.screenshot({ path: join(shots, `${name}.png`) });
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      await page.screenshot({ path: join(shots, `${name}-FAILED.png`) }).catch(() => {});
      console.error(`FAIL ${name}: ${e.message}`);
      await browser.close();
      process.exit(1);
    }
  }

  async function finish(what) {
    await browser.close();
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    console.log(`${what} e2e: all steps passed`);
  }

  const user = process.env.OVEN_E2E_USER ?? 'admin';
  const password = process.env.OVEN_E2E_PASSWORD ?? '';

  /** Logs in through the dashboard's login page (as the e2e user unless another is given). */
  async function login(as = user, secret = password) {
    await page.goto(`${base}/`);
    await page.locator('input[name="username"]').fill(as);
    await page.locator('input[name="password"]').fill(secret);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.locator('text=Workflows').first().waitFor();
  }

  /** The API from Node, with the e2e API token. */
  async function api(method, path, body) {
    const res = await fetch(`${base}${path}`, { method, headers: { 'Content-Type': 'application/json',
      Authorization: `Bearer ${process.env.OVEN_E2E_TOKEN ?? ''}` },
    body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }

  return { base, shots, page, step, finish, login, api };
}
