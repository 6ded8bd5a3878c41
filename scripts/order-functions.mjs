// The order of a wasm's functions, chosen for compression (issue 14), for shrink-bindings.mjs.
//
// gzip and brotli find repeats within a window of the last 32 KB (gzip) or more: a function
// that sits next to one like it compresses to little. Rust's instances of one generic, and
// Leptos's code for each kind of view, are alike but lie wherever the linker put them. So each
// function is placed after the one most like it, among those not placed yet; when none is much
// alike, after the next one by name (which keeps one crate's or one module's functions
// together). "Alike" is MinHash over each body's 6-byte runs: the share of K hashes two bodies
// have in common estimates the share of runs they share.
//
// Measured on the collector's wasm, as sent (Zopfli): in the linker's order 201,154 B; by name
// 199,547; this 197,352 (brotli -1.3 KB; raw +1.3 KB, the calls' indices no longer ordered by
// use). Tried on an earlier build: 24 to 96 hashes and runs of 4 to 8 bytes all gave within
// 1 KB of each other; comparing with the last 4 placed rather than the last, 0.3 KB less for
// four times the time; clusters of equal first hashes, 7.6 KB more. It takes about 0.4 s a
// page. The code is unchanged: only the order of the function bodies, and the indices calls use.
//
// `orderFunctions(wasm)` returns the module with each function's name (its `name` section, which
// Trunk's wasm-opt keeps with -g) replaced by its rank, zero-padded: wasm-opt's
// --reorder-functions-by-name then lays them out in that order (and --strip-debug drops the names).

import { customName, nameBytes, readSections, reader, u32, writeSections } from './wasm-bytes.mjs';

const K = 64;
const RUN = 6;
const ALIKE = 6;

export function orderFunctions(wasm) {
  const sections = readSections(wasm);
  const imports = sections.find((s) => s.id === 2);
  const code = sections.find((s) => s.id === 10);
  const names = sections.find((s) => s.id === 0 && customName(s.body) === 'name');
  if (!code || !names) throw new Error('order-functions: no code or no name section');
  // Every import is a function here (shrink-bindings.mjs checks): they come first in the index space.
  const imported = imports ? reader(imports.body).u32() : 0;

  const bodies = [];
  const c = reader(code.body);
  for (let i = 0, n = c.u32(); i < n; i++) {
    const size = c.u32();
    bodies.push(code.body.subarray(c.at, c.at + size));
    c.at += size;
  }
  const nameOf = new Map();
  const s = reader(names.body);
  s.name();
  while (s.at < names.body.length) {
    const id = s.byte(), size = s.u32(), end = s.at + size;
    if (id === 1) {
      for (let i = 0, n = s.u32(); i < n; i++) {
        const index = s.u32();
        nameOf.set(index, s.name());
      }
    }
    s.at = end;
  }

  const seeds = Array.from({ length: K }, (_, i) => Math.imul(i + 1, 2654435761) | 1);
  const signatures = bodies.map((body) => {
    const min = new Uint32Array(K).fill(0xffffffff);
    for (let i = 0; i + RUN <= body.length; i++) {
      let h = 2166136261;
      for (let j = 0; j < RUN; j++) h = Math.imul(h ^ body[i + j], 16777619);
      for (let k = 0; k < K; k++) {
        const v = Math.imul(h ^ seeds[k], 0x9e3779b1) >>> 0;
        if (v < min[k]) min[k] = v;
      }
    }
    return min;
  });
  const name = (i) => nameOf.get(imported + i) ?? '';
  const byName = bodies.map((_, i) => i).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : a - b));
  const placed = new Uint8Array(bodies.length);
  const order = [];
  let next = 0;
  const place = (i) => { placed[i] = 1; order.push(i); };
  place(byName[0]);
  while (order.length < bodies.length) {
    const last = signatures[order[order.length - 1]];
    let best = -1, shared = -1;
    for (let j = 0; j < bodies.length && shared < K; j++) {
      if (placed[j]) continue;
      let same = 0;
      for (let k = 0; k < K; k++) if (last[k] === signatures[j][k]) same++;
      if (same > shared) { shared = same; best = j; }
    }
    if (shared <= ALIKE) {
      while (placed[byName[next]]) next++;
      best = byName[next];
    }
    place(best);
  }

  const width = String(bodies.length).length;
  const entries = order.map((f, rank) => [imported + f, String(rank).padStart(width, '0')]).sort((a, b) => a[0] - b[0]);
  const functionNames = Buffer.concat([u32(entries.length), ...entries.map(([index, rank]) => Buffer.concat([u32(index), nameBytes(rank)]))]);
  names.body = Buffer.concat([nameBytes('name'), Buffer.from([1]), u32(functionNames.length), functionNames]);
  return writeSections(wasm, sections);
}
