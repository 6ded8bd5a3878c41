// Minifies a page's wasm-bindgen script and its stylesheet (esbuild; exports kept, and the wasm's
// imports are looked up by string), which every first visit downloads and Trunk copies as
// written. Called first by the post-build hook, precache.mjs, in release builds: Trunk runs a
// stage's hooks side by side, and both rewrite the page. Each page's own build minifies its own
// files; the collector's, which copies the others in, only its own.
// Issue 14, measured on the collector: script 10,008 -> 7,674 B gzip, stylesheet 3,511 -> 2,668.
// The script and its wasm are first rewritten together (shrink-bindings.mjs: -8.5 KB gzip).
// Each rewritten file is then named by its new bytes: Trunk's name hashes what it was given, so
// a change here alone (a new step of these scripts) would otherwise send new bytes under an old
// name, which hosts let browsers cache forever (README "Deploying").
import { createHash } from 'node:crypto';
import { transform } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shrinkBindings } from './shrink-bindings.mjs';
import { writeLzma } from './lzma.mjs';

export async function minifyPage(dir) {
  // Trunk's pages name each file with its SHA-384 (`integrity`): the new bytes get their own.
  const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
  const pages = readdirSync(dir).filter((n) => n.endsWith('.html')).map((n) => join(dir, n));
  const html = Object.fromEntries(pages.map((p) => [p, readFileSync(p, 'utf8')]));

  // The worker (sw.js) is filled in and minified by precache.mjs; the other scripts are Trunk's
  // hashed outputs: `<name>-<hash>.js` and `.css`.
  for (const name of readdirSync(dir).filter((n) => /-[0-9a-f]+\.(js|css)$/.test(n))) {
    const path = join(dir, name);
    const loader = name.endsWith('.css') ? 'css' : 'js';
    const before = readFileSync(path, 'utf8');
    // A page's wasm-bindgen script and its wasm: names and dead exports out of both first
    // (shrink-bindings.mjs); esbuild then drops the classes left unexported.
    const wasm = join(dir, name.replace(/\.js$/, '_bg.wasm'));
    const hasWasm = loader === 'js' && existsSync(wasm);
    let source = before, removed = [];
    if (hasWasm) {
      const wasmBefore = readFileSync(wasm);
      ({ script: source, removed } = shrinkBindings(before, wasm));
      const named = pages.filter((p) => html[p].includes(sri(wasmBefore)));
      if (!named.length) throw new Error(`${name}: no page names its wasm's integrity; Trunk's output changed, see scripts/minify.mjs`);
      for (const p of named) html[p] = html[p].replaceAll(sri(wasmBefore), sri(readFileSync(wasm)));
    }
    const { code } = await transform(source, loader === 'js' ? { loader, minify: true, format: 'esm', treeShaking: true } : { loader, minify: true });
    const stillCalled = removed.filter((e) => code.includes(e));
    if (stillCalled.length) throw new Error(`${name} still calls ${stillCalled.join(', ')}, removed from its wasm: see scripts/shrink-bindings.mjs`);
    writeFileSync(path, code);
    const named = pages.filter((p) => html[p].includes(sri(before)));
    if (!named.length) throw new Error(`${name}: no page names its integrity; Trunk's output changed, see scripts/minify.mjs`);
    for (const p of named) html[p] = html[p].replaceAll(sri(before), sri(code));
    // `<stem>-<hash>` names the script and its wasm alike (`…_bg.wasm`): both follow their bytes.
    const [, stem, ext] = name.match(/^(.*-)[0-9a-f]+(\.js|\.css)$/);
    const bytes = createHash('sha256').update(code);
    if (hasWasm) bytes.update(readFileSync(wasm));
    const renamed = `${stem}${bytes.digest('hex').slice(0, 16)}`, old = name.slice(0, -ext.length);
    if (!named.every((p) => html[p].includes(old))) throw new Error(`${name}: a page names its integrity but not the file`);
    renameSync(path, join(dir, renamed + ext));
    if (hasWasm) renameSync(wasm, join(dir, `${renamed}_bg.wasm`));
    for (const p of pages) html[p] = html[p].replaceAll(old, renamed);
    if (hasWasm) {
      writeLzma(join(dir, `${renamed}_bg.wasm`));
      for (const p of pages.filter((p) => html[p].includes(`${renamed}_bg.wasm`))) html[p] = loadPacked(html[p], `./${renamed}_bg.wasm`, p);
    }
  }
  for (const p of pages) writeFileSync(p, html[p]);
}

// The page loads its wasm from the LZMA copy (scripts/lzma.mjs) through public/wasm-load.js:
// Trunk's preload of the wasm gives way to that fetch, started right after the inlined script
// that defines it, which the page places before its stylesheets (a script waits for those: 170-250 ms
// later on a slow link), and Trunk's loader takes the stream, or fetches the plain file if that fails.
function loadPacked(html, wasm, page) {
  const defined = html.indexOf('function gcmWasm(');
  if (defined < 0) throw new Error(`${page}: no public/wasm-load.js inlined, to load ${wasm}.lzma`);
  const call = `await init({ module_or_path: '${wasm}' })`;
  const preload = new RegExp(`<link rel="preload" href="${wasm.replace(/[.]/g, '\\.')}"[^>]*>`);
  if (!html.includes(call) || !preload.test(html)) throw new Error(`${page}: Trunk's loader of ${wasm} changed, see scripts/minify.mjs`);
  const after = html.indexOf('</script>', defined) + '</script>'.length;
  return (html.slice(0, after) + `<script>var gcmWasmStart=gcmWasm("${wasm}")</script>` + html.slice(after))
    .replace(preload, '')
    .replace(call, `await init({ module_or_path: gcmWasmStart }).catch(function () { return init({ module_or_path: '${wasm}' }); })`);
}
