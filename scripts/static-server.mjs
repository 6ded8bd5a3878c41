// A small static file server for the release build: `node scripts/static-server.mjs DIR [PORT]`.
// Also used by the end-to-end tests, which stop it to prove the app works offline, and by the
// bench. Like a host with nginx's `gzip_static on; brotli_static on;`, it sends a file's
// precompressed copy (scripts/precompress.mjs) when the browser accepts it: X.br for br, else
// X.gz for gzip, else X, with X's Content-Type and `Vary: Accept-Encoding`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip', '.br': 'application/octet-stream',
};
// The precompressed copies looked for, most preferred first, with their file suffix.
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

/**
 * The codings an Accept-Encoding header allows, as a map of name to q-value (RFC 9110 §12.5.3):
 * `gzip, deflate, br`, `br;q=1.0, gzip;q=0.8`, `*;q=0.5`, `gzip;q=0` (refused).
 */
export function acceptedEncodings(header = '') {
  const q = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  return q;
}

/** Which precompressed copy to send, of those `has(suffix)` says exist: 'br', 'gzip' or null. */
export function chooseEncoding(header, has) {
  const q = acceptedEncodings(header);
  let best = null, bestQ = 0;
  for (const [name, suffix] of ENCODINGS) {
    const value = q.get(name) ?? q.get('*') ?? 0;
    if (value > bestQ && has(suffix)) { best = name; bestQ = value; }
  }
  return best;
}

const isFile = (path) => stat(path).then((s) => s.isFile(), () => false);

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port); resolves to the listening server. Each
 * answered request is reported to `onResponse({ path, status, encoding, bytes, acceptEncoding })`
 * if given (the bench says what was sent).
 */
export function serve(dir, port = 8080, { onResponse } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405).end(); return; }
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    if (!(await isFile(file))) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      onResponse?.({ path, status: 404, encoding: null, bytes: 0, acceptEncoding: req.headers['accept-encoding'] ?? '' });
      return;
    }
    const name = file.slice(root.length + 1);
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Hashed names never change content; the pages and the worker must be revalidated.
      'Cache-Control': basename(name) === 'index.html' || name === 'sw.js' ? 'no-cache' : 'public, max-age=31536000, immutable',
    };
    const copies = new Set();
    for (const [, suffix] of ENCODINGS) if (await isFile(file + suffix)) copies.add(suffix);
    let encoding = null, suffix = '';
    if (copies.size) {
      headers.Vary = 'Accept-Encoding';
      encoding = chooseEncoding(req.headers['accept-encoding'], (s) => copies.has(s));
      if (encoding) {
        suffix = ENCODINGS.find(([n]) => n === encoding)[1];
        headers['Content-Encoding'] = encoding;
      }
    }
    let body;
    try {
      body = await readFile(file + suffix);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    onResponse?.({ path, status: 200, encoding, bytes: body.length, acceptEncoding: req.headers['accept-encoding'] ?? '' });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`serving ${dir} on http://127.0.0.1:${server.address().port}/ (Ctrl-C stops)`);
}
