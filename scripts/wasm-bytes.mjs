// Reading and writing a wasm module's bytes, for the post-build scripts that rewrite a page's
// wasm (shrink-bindings.mjs, order-functions.mjs): its sections, LEB128 numbers and names.

/** The module's sections, each with its id and body (a wasm module: magic, version, sections). */
export function readSections(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const r = reader(wasm, 8);
  const sections = [];
  while (r.at < wasm.length) {
    const id = r.byte(), size = r.u32();
    sections.push({ id, body: wasm.subarray(r.at, r.at + size) });
    r.at += size;
  }
  return sections;
}

/** The module `wasm`'s header followed by `sections`. */
export function writeSections(wasm, sections) {
  return Buffer.concat([wasm.subarray(0, 8), ...sections.flatMap((s) => [Buffer.from([s.id]), u32(s.body.length), s.body])]);
}

/** A custom section's name (the start of its body). */
export const customName = (body) => reader(body).name();

/** Reads `bytes` from `at` on: a byte, an unsigned LEB128 number, a name (its length, then UTF-8). */
export function reader(bytes, at = 0) {
  const r = {
    at,
    byte: () => bytes[r.at++],
    u32: () => {
      let value = 0, shift = 0, b;
      do { b = bytes[r.at++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return value;
    },
    name: () => {
      const n = r.u32();
      r.at += n;
      return bytes.subarray(r.at - n, r.at).toString('utf8');
    },
  };
  return r;
}

/** `n` as an unsigned LEB128 number. */
export function u32(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}

/** `s` as a wasm name: its length in bytes, then UTF-8. */
export const nameBytes = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
