// Typing into the voluntary report in its longest state (issue 14): every thematic session
// chosen and three entries in each repeat group (28 textareas, about 1,040 controls), made
// through the UI as a person makes it. Then, unthrottled and under Lighthouse's mobile CPU
// slowdown (4×, the DevTools protocol's Emulation.setCPUThrottlingRate), several runs of
// varied characters typed into one of its textareas, with autosave running behind them.
//
// Per run: the main thread's work per key (the protocol's Performance metrics: TaskDuration,
// all the renderer's main-thread tasks, divided by the keys), the wall time per key as
// Playwright types (as the issue measured it), the time from each keydown to the next
// animation frame (median, 95th percentile, worst), and the long tasks (over 50 ms) the
// page's PerformanceObserver saw. Medians and spread over the runs.
//
// BENCH_KEYS (default 500) keys per run, BENCH_RUNS (default 3) runs per rate;
// BENCH_TYPING_FLOOR=1 measures the same document as static HTML too, the browser's own cost;
// BENCH_TYPING_TRACE=1 then traces 200 keys at 4× and prints where their time goes
// (scripts/bench-trace.mjs).
import { loadForm, answer } from '../tests/e2e/forms.mjs';
import { traceKeys } from './bench-trace.mjs';

const form = loadForm('stakeholder_report');

/** Varied text as people write it: accents, digits, punctuation, now and then a new line. */
function sample(n, seed) {
  const words = ['migración', 'niñez', 'regularización', 'Tumbes', 'Huaquillas', 'acogida', 'direitos', 'proteção',
    'à', 'l’école', 'données', '2024', '17,5 %', 'ODS-10', '«frontera»', 'y', 'de', 'la', 'en', 'com', 'pour', '—'];
  let out = '';
  let x = seed;
  while (out.length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const w = words[x % words.length];
    out += w + ((x >> 8) % 11 === 0 ? '.\n' : (x >> 8) % 5 === 0 ? ', ' : ' ');
  }
  return out.slice(0, n);
}

/** Opens a new voluntary report on `page` and brings it to its longest state. */
async function longestState(page) {
  await page.getByTestId('start-stakeholder_report').click();
  await page.getByRole('heading', { level: 1, name: form.title.en }).waitFor();
  await answer(page, form.item('sessions_reported'), ['session1', 'session2', 'session3', 'session4']);
  for (const repeat of ['s1_practices', 's2_practices', 's3_practices', 's4_practices', 'pledges']) {
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId(`add-${repeat}`).click();
      await page.getByTestId(`instance-${repeat}-${i}`).waitFor();
    }
  }
  await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor();
  return page.evaluate(() => ({
    textareas: document.querySelectorAll('textarea').length,
    controls: document.querySelectorAll('input, textarea, select, button').length,
  }));
}

/** One run: `text` typed into `area`; what it cost. */
async function run(page, cdp, area, text, saving) {
  await area.click();
  await page.evaluate(() => {
    window.__long = [];
    window.__keys = [];
    if (!window.__keyWatch) {
      window.__keyWatch = true;
      addEventListener('keydown', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => window.__keys.push(performance.now() - t0));
      }, true);
    }
  });
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  const t0 = Date.now();
  await page.keyboard.type(text);
  const wall = Date.now() - t0;
  const after = await metric();
  if (saving) await page.getByTestId('save-state').and(page.locator('[data-state=saved]')).waitFor({ timeout: 120000 });
  const { long, keys } = await page.evaluate(() => ({ long: window.__long, keys: window.__keys }));
  keys.sort((a, b) => a - b);
  const at = (q) => keys[Math.min(keys.length - 1, Math.floor(q * keys.length))] ?? 0;
  const n = text.length;
  return {
    work: ((after.TaskDuration - before.TaskDuration) * 1000) / n,
    script: ((after.ScriptDuration - before.ScriptDuration) * 1000) / n,
    layout: ((after.LayoutDuration + after.RecalcStyleDuration - before.LayoutDuration - before.RecalcStyleDuration) * 1000) / n,
    wall: wall / n,
    frameP50: at(0.5), frameP95: at(0.95), frameMax: keys[keys.length - 1] ?? 0,
    longCount: long.length, longMax: Math.max(0, ...long),
  };
}

function summary(runs, key, digits = 1) {
  const v = runs.map((r) => r[key]).sort((a, b) => a - b);
  const f = (x) => x.toFixed(digits);
  return `${f(v[Math.floor(v.length / 2)])} (${f(v[0])}–${f(v[v.length - 1])})`;
}

/**
 * The measurement on `page` (with `window.__long` filled by a longtask observer, as
 * bench.mjs installs it), the app served at `url`.
 */
export async function typingLongBench(page, url) {
  const keys = Number(process.env.BENCH_KEYS ?? 500);
  const rounds = Number(process.env.BENCH_RUNS ?? 3);
  await page.goto(url);
  const shape = await longestState(page);
  console.log(`voluntary report in its longest state: ${shape.textareas} textareas, ${shape.controls} controls; ${keys} keys per run, ${rounds} runs per rate, into "${form.item('s3_challenges').label.en}"`);
  await measure(page, keys, rounds, true);
  if (process.env.BENCH_TYPING_TRACE === '1') await trace(page);
  if (process.env.BENCH_TYPING_FLOOR === '1') {
    // The floor: the same document, styles included, as static HTML with no script, typed into
    // the same way. What the app costs per key beyond it is the app's own.
    const html = await page.evaluate(() => {
      document.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]').forEach((e) => e.remove());
      const css = [...document.styleSheets].map((sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\n')).join('\n');
      document.querySelectorAll('link[rel=stylesheet]').forEach((e) => e.remove());
      return document.documentElement.outerHTML.replace('</head>', `<style>${css}</style></head>`);
    });
    await page.goto('about:blank');
    await page.setContent(html);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
    });
    console.log('the same document as static HTML, no script (the browser\'s own cost, BENCH_TYPING_FLOOR=1):');
    await measure(page, keys, rounds, false);
    if (process.env.BENCH_TYPING_TRACE === '1') await trace(page);
  }
}

/** Where 200 keys' time goes at 4×, into the same textarea, emptied first (its length costs too). */
async function trace(page) {
  const area = page.locator('#q-s3_challenges');
  await area.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await traceKeys(page, sample(200, 99), 4);
}

/** `rounds` runs of `keys` keys at 1× and 4×, printed; `saving`: wait for autosave after each. */
async function measure(page, keys, rounds, saving) {
  const cdp = await page.context().newCDPSession(page);
  // Wall time of tasks (the default time domain): thread time would leave out the throttling.
  await cdp.send('Performance.enable');
  // A textarea in the middle of the form: the third session's challenges.
  const area = page.locator('#q-s3_challenges');
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const runs = [];
    for (let i = 0; i < rounds; i++) runs.push(await run(page, cdp, area, sample(keys, 7 + i + rate * 10), saving));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    console.log(`  CPU ${rate}× — medians (spread) of ${rounds} runs:`);
    console.log(`    main-thread work per key: ${summary(runs, 'work')} ms (script ${summary(runs, 'script')} ms, style and layout ${summary(runs, 'layout')} ms)`);
    console.log(`    wall time per key, Playwright-driven: ${summary(runs, 'wall')} ms`);
    console.log(`    keydown to next frame: median ${summary(runs, 'frameP50')} ms, 95th percentile ${summary(runs, 'frameP95')} ms, worst ${summary(runs, 'frameMax')} ms`);
    console.log(`    long tasks (>50 ms): ${summary(runs, 'longCount', 0)} per run, longest ${summary(runs, 'longMax', 0)} ms`);
    console.log(`    runs: ${runs.map((r) => `${r.work.toFixed(1)} ms/key, ${r.longCount} long`).join('; ')}`);
  }
}
