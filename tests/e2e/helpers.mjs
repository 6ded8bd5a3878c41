// Shared by the end-to-end tests: the release build on a loopback port, and Debian's Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

/** Serves `dir` on a free loopback port; `stop()` closes it (idempotent) to take the app offline. */
export async function startServer(dir) {
  const server = await serve(dir, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  let stopped = false;
  return {
    url,
    stop: () => new Promise((ok) => {
      if (stopped) return ok();
      stopped = true;
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

/**
 * A fresh Chromium profile; every request the page makes is recorded in `requests`. `locale`
 * is the browser's language (navigator.languages), English by default.
 */
export async function launchBrowser({ locale = 'en-US' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'gcm-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    locale,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return {
    context, page, requests,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/**
 * Waits until the service worker has installed and controls the page; after a minute, fails
 * saying where the worker is (a worker that never installs would otherwise hang the test).
 */
export async function waitForServiceWorker(page, ms = 60_000) {
  const state = await page.evaluate((ms) => Promise.race([
    (async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', () => ok(), { once: true }));
      }
      return 'controlled';
    })(),
    new Promise((ok) => setTimeout(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      ok(`after ${ms} ms: ${r ? `installing ${r.installing?.state}, waiting ${r.waiting?.state}, active ${r.active?.state}` : 'no registration'}, controller ${!!navigator.serviceWorker.controller}`);
    }, ms)),
  ]), ms);
  if (state !== 'controlled') throw new Error(`the service worker does not control the page ${state}`);
}

/**
 * The release build served and a fresh browser on its home page, with the service worker
 * installed. Both are closed when test `t` ends.
 */
export async function openApp(t) {
  const server = await startServer('dist');
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const { page } = browser;
  await page.goto(server.url);
  await waitForServiceWorker(page);
  return { server, browser, page };
}

/** The usual start of a test: [`openApp`], then a new response to `formId` open. */
export async function openNewResponse(t, formId, title) {
  const { server, browser, page } = await openApp(t);
  await page.getByTestId(`start-${formId}`).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return { server, browser, page };
}

/**
 * axe-core's WCAG 2.0, 2.1 and 2.2 A and AA violations on the page as it is now (`lang`
 * attributes included), as `rule: target` lines. axe is injected by the test, not fetched.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
  const violations = await page.evaluate(async () => {
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** A 360 px wide phone screen, as every screen must work at. */
export const PHONE = { width: 360, height: 740 };

/** Saves a screenshot of `page` as `<name>.png` in $GCM_SHOTS, when set (to look at a screen). */
export async function shot(page, name) {
  if (process.env.GCM_SHOTS) await page.screenshot({ path: join(process.env.GCM_SHOTS, `${name}.png`) });
}

/** The SHA-256 (hex) of what the page's Cache Storage holds for `url` (the service worker's copy). */
export function cachedSha256(page, url) {
  return page.evaluate(async (name) => {
    const bytes = await (await caches.match(name)).arrayBuffer();
    return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  }, url);
}
