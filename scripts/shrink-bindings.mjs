// Two things wasm-bindgen writes into every page's wasm and script that no visitor needs, taken
// out of release builds before the script is minified (scripts/minify.mjs) (issue 14):
// 1. Its import names: each of the ~200 functions the wasm calls in the script is named
//    `__wbg_<name>_<16 hex digits>` on both sides, and the module "./<page>_bg.js" once per import
//    in the wasm. The hex does not compress: renamed `a`, `b`, … `ba`… (module `a`), the same
//    on both sides. Measured on the collector: wasm 219,713 -> 215,728 B gzip, script 7,680 ->
//    5,011.
// 2. The stream classes of wasm-streams (IntoUnderlyingSource, …), which leptos's server_fn links
//    and wasm-bindgen exports from every page although no page makes a server call: their exports
//    removed, wasm-opt drops their code (and runs its -Oz once more over the whole, which saves
//    a little more), and the script's classes are left unexported for esbuild to drop. Measured
//    on the collector: wasm -1.4 KB gzip.
// 3. The names of the closures' entry points the wasm exports to the script,
//    `wasm_bindgen__convert__closures_____invoke__<h + 16 hex digits>`, renamed `$a`, `$b`…
//    on both sides; and the wasm's `producers` and `target_features` sections, which no
//    browser reads, left out (wasm-opt --strip-producers --strip-target-features).
// 4. The functions laid out each beside one like it (order-functions.mjs), then their names left
//    out: Trunk's wasm-opt keeps them for this (`data-wasm-opt-params="-g"` in each page's
//    HTML). The same code compresses better: the collector's wasm 201,154 -> 197,352 B as sent (in
//    the order of the names alone: 199,547).
// Both sides are checked before anything is written: a wasm-bindgen whose output differs from
// what this expects fails the build (here) rather than the page (at its first load).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { orderFunctions } from './order-functions.mjs';
import { customName, nameBytes, readSections, reader, u32, writeSections } from './wasm-bytes.mjs';

const DEAD_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const WASM_OPT = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;
// The features the pages' wasm uses (Rust's defaults for wasm32): wasm-opt must accept them all.
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

/** Rewrites a page's wasm (in place, at `wasmPath`) and returns its script, rewritten to match,
 * and the exports removed (which the minified script must no longer name). */
export function shrinkBindings(script, wasmPath) {
  const wasm = readFileSync(wasmPath);
  const sections = readSections(wasm);
  const imports = sections.find((s) => s.id === 2);
  const exports = sections.find((s) => s.id === 7);
  if (!imports || !exports) throw new Error(`${wasmPath}: no import or export section`);

  // 1. Imports: every one a function from the page's own script module.
  const read = reader(imports.body);
  const count = read.u32();
  const renamed = new Map();
  const out = [u32(count)];
  let module;
  for (let i = 0; i < count; i++) {
    const from = read.name(), name = read.name(), start = read.at;
    if (read.byte() !== 0) throw new Error(`${wasmPath}: import ${name} is not a function`);
    read.u32();
    if ((module ??= from) !== from) throw new Error(`${wasmPath}: imports from ${module} and ${from}`);
    const short = shortName(i);
    renamed.set(name, short);
    out.push(nameBytes('a'), nameBytes(short), imports.body.subarray(start, read.at));
  }
  imports.body = Buffer.concat(out);

  let js = script;
  const objectKey = `"${module}": import0,`;
  if (js.split(objectKey).length !== 2) throw new Error(`the script does not name its import module ${module} once`);
  js = js.replace(objectKey, 'a: import0,');
  for (const [name, short] of renamed) {
    const key = `\n        ${name}: function(`;
    if (js.split(key).length !== 2) throw new Error(`the script does not define the import ${name} once`);
    js = js.replace(key, `\n        ${short}: function(`);
  }

  // 2. Exports of the dead classes.
  const declared = (c) => new RegExp(`^export class ${c} \\{`, 'm');
  const prefixes = DEAD_CLASSES.filter((c) => declared(c).test(js)).map((c) => c.toLowerCase());
  for (const c of DEAD_CLASSES) {
    // Unexported, and without the two statements that would keep it: its Symbol.dispose alias
    // and its FinalizationRegistry.
    js = js.replace(declared(c), `class ${c} {`)
      .replace(`\nif (Symbol.dispose) ${c}.prototype[Symbol.dispose] = ${c}.prototype.free;\n`, '\n')
      .replace(new RegExp(`\\nconst ${c}Finalization = [^;]*;\\n`), '\n');
  }
  const ex = reader(exports.body);
  const kept = [], removed = [];
  for (let i = 0, n = ex.u32(); i < n; i++) {
    const start = ex.at, name = ex.name(), after = ex.at;
    ex.byte();
    ex.u32();
    if (prefixes.some((p) => name.startsWith(`${p}_`) || name === `__wbg_${p}_free`)) removed.push(name);
    else if (name.startsWith('wasm_bindgen__convert__closures_____invoke__')) {
      // 3. Called by the script as `wasm.<name>(`, once each (a name may begin another's:
      // `…h7cb9…53` and `…h7cb9…53_15`, so the call's parenthesis is part of the match).
      const short = `$${shortName(kept.length)}`;
      const call = `wasm.${name}(`;
      if (js.split(call).length !== 2) throw new Error(`the script does not call the export ${name} once`);
      js = js.replace(call, `wasm.${short}(`);
      kept.push(Buffer.concat([nameBytes(short), exports.body.subarray(after, ex.at)]));
    } else kept.push(exports.body.subarray(start, ex.at));
  }
  exports.body = Buffer.concat([u32(kept.length), ...kept]);

  writeFileSync(wasmPath, writeSections(wasm, sections));
  if (!sections.some((s) => s.id === 0 && customName(s.body) === 'name')) {
    throw new Error(`${wasmPath}: no function names to order the functions by (data-wasm-opt-params="-g" on the page's rust link)`);
  }
  execFileSync(WASM_OPT, ['-Oz', '-g', ...FEATURES, '-o', wasmPath, wasmPath], { stdio: 'inherit' });
  writeFileSync(wasmPath, orderFunctions(readFileSync(wasmPath)));
  execFileSync(WASM_OPT, [...FEATURES, '--reorder-functions-by-name', '--strip-debug', '--strip-producers',
    '--strip-target-features', '-o', wasmPath, wasmPath], { stdio: 'inherit' });
  // Leptos's `__wasm_split_unstable` marker (for a code splitter no page uses) goes too: no
  // custom section is left, whose content no browser reads.
  const optimised = readFileSync(wasmPath);
  writeFileSync(wasmPath, writeSections(optimised, readSections(optimised).filter((s) => s.id !== 0)));
  return { script: js, removed };
}

// `a`…`z`, `A`…`Z`, then two letters: names that need no quotes in the script.
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do { s = letters[i % 52] + s; i = Math.floor(i / 52) - 1; } while (i >= 0);
  return s;
}
