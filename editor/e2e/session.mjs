// What both browser tests share: Debian Chromium through playwright-core, named steps with a
// screenshot each (and of the failure), and page errors collected.
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

  return { base, shots, page, step, finish };
}
