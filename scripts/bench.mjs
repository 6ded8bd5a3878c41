// Benchmarks (measured, never asserted): time to the first editable textarea, cold and warm,
// and typing cost with autosave running. `node scripts/bench.mjs [dist]` after a release build.
import { startServer, launchBrowser } from '../tests/e2e/helpers.mjs';

const dir = process.argv[2] ?? 'dist';
const server = await startServer(dir);
const browser = await launchBrowser();
const { page } = browser;
const sinceNavigation = () => page.evaluate(() => Math.round(performance.now()));

// Cold: empty profile, nothing cached; the time includes starting a response from the home page.
await page.goto(server.url);
await page.getByTestId('start-annex1').click();
await page.locator('textarea').first().waitFor();
const cold = await sinceNavigation();
const formUrl = page.url();
await page.evaluate(() => navigator.serviceWorker.ready);

const warm = [];
for (let i = 0; i < 5; i++) {
  await page.goto(formUrl);
  await page.locator('textarea').first().waitFor();
  warm.push(await sinceNavigation());
}
warm.sort((a, b) => a - b);

// Typing: 2,000 key presses into a long answer while autosave writes behind them.
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
});
const area = page.locator('textarea').first();
await area.click();
const text = 'Cooperación regional en migración — niñez y juventud. '.repeat(40).slice(0, 2000);
const t0 = Date.now();
await page.keyboard.type(text);
const typing = Date.now() - t0;
await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
const longTasks = await page.evaluate(() => window.__long);

console.log(`first editable textarea, cold (new profile, incl. starting a response): ${cold} ms`);
console.log(`first editable textarea, warm (reload, median of 5): ${warm[2]} ms (min ${warm[0]}, max ${warm[4]})`);
console.log(`typing 2000 characters: ${typing} ms (${(typing / 2000).toFixed(2)} ms per key, Playwright-driven)`);
console.log(`long tasks (>50 ms) during typing: ${longTasks.length}${longTasks.length ? `, longest ${Math.round(Math.max(...longTasks))} ms` : ''}`);
await browser.close();
await server.stop();
