// Each page's wasm LZMA-compressed beside it, X_bg.wasm.lzma: what a page and the service worker
// fetch and decode (public/unlzma.js, public/wasm-load.js, sw.js); the plain file stays for
// the rare page whose copy fails. LZMA makes the collector's wasm 163 KB where Zopfli's gzip,
// the best a host sends without brotli, makes it 196 KB (issue 14).
//
// Compressed by Python's lzma module (liblzma, "alone" format, preset 9e; lc=4, pb=0 fit wasm's
// byte-wise code best: -0.4 KB against the defaults), the decoded size written into the
// header, then decoded with the pages' own decoder and compared byte for byte: a .lzma that
// does not decode to its wasm fails the build.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

// The literal and position bit counts and the preset are arguments, for tests of other settings.
const COMPRESS = `
import lzma, sys
lc, lp, pb, preset = (int(a) for a in sys.argv[1:])
data = sys.stdin.buffer.read()
packed = lzma.compress(data, format=lzma.FORMAT_ALONE, filters=[{"id": lzma.FILTER_LZMA1, "preset": preset, "lc": lc, "lp": lp, "pb": pb}])
sys.stdout.buffer.write(packed[:5] + len(data).to_bytes(8, "little") + packed[13:])
`;
// liblzma's preset 9 | PRESET_EXTREME (a sum: `|` in JavaScript would make it a negative int32).
const PRESET_9E = 0x80000000 + 9;

/** `bytes` LZMA-compressed as the pages read it; by default with the build's settings. */
export function lzma(bytes, { lc = 4, lp = 0, pb = 0, preset = PRESET_9E } = {}) {
  return execFileSync('python3', ['-c', COMPRESS, ...[lc, lp, pb, preset].map(String)], { input: bytes, maxBuffer: 1 << 30 });
}

/** public/unlzma.js's decoder, as the pages and the worker run it. */
export function decoder() {
  const context = {};
  runInNewContext(readFileSync(new URL('../public/unlzma.js', import.meta.url), 'utf8'), context);
  return context.gcmUnlzma;
}

/** Decodes `packed` with public/unlzma.js, handing it `piece` bytes at a time. */
export function unlzma(packed, piece = packed.length) {
  const unpack = decoder()(packed.subarray(0, 13));
  if (packed.length <= 13) unpack.push(new Uint8Array(0), true);
  for (let at = 13; at < packed.length; at += piece) unpack.push(packed.subarray(at, at + piece), at + piece >= packed.length);
  return Buffer.from(unpack.out.buffer, unpack.out.byteOffset, unpack.out.length);
}

/** Writes `wasm`.lzma, checked to decode to `wasm`; returns its size. */
export function writeLzma(wasm) {
  const bytes = readFileSync(wasm);
  const packed = lzma(bytes);
  if (!unlzma(packed, 4096).equals(bytes)) throw new Error(`${wasm}.lzma does not decode to ${wasm} with public/unlzma.js`);
  writeFileSync(`${wasm}.lzma`, packed);
  return packed.length;
}
