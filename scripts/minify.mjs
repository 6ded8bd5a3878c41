// Trunk post-build hook, before precache.mjs: minifies the page's wasm-bindgen script and its
// stylesheet (esbuild; names and exports kept, the wasm's imports are looked up by string), which
// every first visit downloads and which Trunk copies as written. Each page's own build runs it
// on its own files; the collector's build, which copies the others in, needs only its own.
// Issue 14, measured on the collector: script 10,008 -> ~7,700 B gzip, stylesheet 3,511 -> ~2,700.
// Release builds only: `trunk serve` keeps them readable.
import { transform } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

// The worker (sw.js) is filled in and minified by precache.mjs; the other scripts are Trunk's
// hashed outputs: `<name>-<hash>.js` and `.css`.
for (const name of readdirSync(dir).filter((n) => /-[0-9a-f]{16}\.(js|css)$/.test(n))) {
  const path = join(dir, name);
  const loader = name.endsWith('.css') ? 'css' : 'js';
  const { code } = await transform(readFileSync(path, 'utf8'), loader === 'js' ? { loader, minify: true, format: 'esm' } : { loader, minify: true });
  writeFileSync(path, code);
}
