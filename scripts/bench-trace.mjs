// Where a key's main-thread time goes: a DevTools-protocol trace of keys typed into the focused
// control, the renderer main thread's events by self time (an event's own time, less its
// children's), per key, wall and thread (CPU) time. A task the trace names nothing inside is
// shown by where it was posted from (e.g. Chromium's autofill, which read the whole page's
// controls at every key until each question became a form of its own, issue 14).
// Used by bench-typing-long.mjs with BENCH_TYPING_TRACE=1.

const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,toplevel,v8,input,benchmark';

/** Traces `text` typed on `page` at CPU slowdown `rate`; prints the `top` costliest events per key. */
export async function traceKeys(page, text, rate, top = 20) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.keyboard.type(text);
  await page.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await done;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();

  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const spans = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
    .map((e) => ({
      name: e.name === 'ThreadControllerImpl::RunTask' && e.args?.src_func ? `task posted by ${e.args.src_file.split('/').pop()} ${e.args.src_func}` : e.name,
      start: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur ?? 0,
    }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map();
  const add = (name, wall, cpu) => { const s = self.get(name) ?? { wall: 0, cpu: 0 }; s.wall += wall; s.cpu += cpu; self.set(name, s); };
  const stack = [];
  for (const s of spans) {
    while (stack.length && stack[stack.length - 1].end <= s.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.name, -(s.end - s.start), -s.cpu);
    add(s.name, s.end - s.start, s.cpu);
    stack.push(s);
  }
  const n = text.length;
  const ms = (us) => (us / 1000 / n).toFixed(2).padStart(6);
  const rows = [...self].sort((a, b) => b[1].wall - a[1].wall);
  const sum = rows.reduce((t, [, v]) => ({ wall: t.wall + v.wall, cpu: t.cpu + v.cpu }), { wall: 0, cpu: 0 });
  console.log(`    trace at ${rate}×, ${n} keys: ms per key, self time (wall, thread); all events ${ms(sum.wall)} wall, ${ms(sum.cpu)} thread, tracing's overhead included`);
  for (const [name, v] of rows.slice(0, top)) console.log(`    ${ms(v.wall)} ${ms(v.cpu)}  ${name}`);
}
