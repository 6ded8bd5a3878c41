// An LZMA decoder for each page's wasm, which the build also writes LZMA-compressed (X_bg.wasm.lzma,
// scripts/lzma.mjs). Hosts send files with gzip at best, and gzip leaves the wasm at 196 KB
// where LZMA makes it 163 KB (issue 14: the collector's first load 215 -> 185 KB); a host
// that compresses nothing would send all 515 KB. Inlined into every page (public/wasm-load.js
// runs it in a worker, fed the bytes as they arrive) and into the service worker (sw.js, which
// keeps the wasm decoded). Written here because the npm decoders measured were slower or larger: LZMA-JS
// 2.3.2's decoder took 280 ms for the collector's wasm (this one 18 ms), xz-decompress is
// 10.6 KB gzip. The build decodes every .lzma it writes with this very code and checks the
// bytes, and tests/e2e/unlzma.test.mjs checks it on other data, whole and in pieces.
//
// The format is LZMA's "alone" (.lzma) one: 13 bytes of header (the literal and position bit
// counts, the dictionary size, the decoded size, which the build always fills in), then the
// range-coded stream. Its names follow the format's reference decoder (LzmaSpec.cpp in
// the LZMA SDK). `range` and `code` are unsigned 32-bit values kept in int32s (`>>> 0` where
// compared): V8 then keeps them in machine registers (25 -> 18 ms).
function gcmUnlzma(head) {
  if (head.length < 13) throw new Error('lzma: truncated');
  var props = head[0], lc = props % 9, lp = ((props / 9) | 0) % 5, pb = (props / 45) | 0;
  var size = 0;
  for (var i = 12; i >= 5; i--) size = size * 256 + head[i];
  var out = new Uint8Array(size), pos = 0;
  var inp = new Uint8Array(1 << 16), len = 0, at = 0, started = false;
  var range = -1, code = 0;
  // Every adaptive bit's probability, one table after another, all starting at one half.
  var IS_MATCH = 0, IS_REP = 192, IS_REP_G0 = 204, IS_REP_G1 = 216, IS_REP_G2 = 228, IS_REP0_LONG = 240,
    POS_SLOT = 432, SPEC_POS = 688, ALIGN = 803, LEN = 819, REP_LEN = 1333, LITERAL = 1847;
  var P = new Uint16Array(LITERAL + (0x300 << (lc + lp))).fill(1024);
  var state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;
  var pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;

  function bit(i) {
    if ((range >>> 0) < 0x1000000) { range <<= 8; code = (code << 8) | inp[at++]; }
    var p = P[i], bound = Math.imul(range >>> 11, p);
    if ((code >>> 0) < (bound >>> 0)) { range = bound; P[i] = p + ((2048 - p) >> 5); return 0; }
    range = (range - bound) | 0; code = (code - bound) | 0; P[i] = p - (p >> 5); return 1;
  }
  function tree(base, bits) {
    var m = 1;
    for (var k = 0; k < bits; k++) m = (m << 1) | bit(base + m);
    return m - (1 << bits);
  }
  function reverse(base, bits) {
    var m = 1, r = 0;
    for (var k = 0; k < bits; k++) { var b = bit(base + m); m = (m << 1) | b; r |= b << k; }
    return r;
  }
  function direct(bits) {
    var r = 0;
    for (; bits > 0; bits--) {
      if ((range >>> 0) < 0x1000000) { range <<= 8; code = (code << 8) | inp[at++]; }
      range = range >>> 1;
      r <<= 1;
      if ((code >>> 0) >= range) { code = (code - range) | 0; r |= 1; }
    }
    return r;
  }
  // A length's table at `base`: choice, choice 2, low (16 × 8), mid (16 × 8), high (256).
  function length(base, posState) {
    if (bit(base) === 0) return tree(base + 2 + (posState << 3), 3);
    if (bit(base + 1) === 0) return 8 + tree(base + 130 + (posState << 3), 3);
    return 16 + tree(base + 258, 8);
  }
  function bad() { throw new Error('lzma: bad data'); }

  return {
    size: size,
    out: out,
    // Takes the next compressed bytes (`last`: there are no more) and decodes what surely
    // arrived. Returns how many bytes of `out` are decoded.
    push: function (chunk, last) {
      if (len + chunk.length > inp.length) {
        var grown = new Uint8Array(Math.max(inp.length * 2, len + chunk.length));
        grown.set(inp.subarray(0, len));
        inp = grown;
      }
      inp.set(chunk, len);
      len += chunk.length;
      if (!started) {
        if (len < 5 && !last) return pos;
        at = 1;
        for (var k = 0; k < 4; k++) code = (code << 8) | inp[at++];
        started = true;
      }
      // One symbol reads at most about 60 bytes: stop where it might run past what came.
      var stop = last ? len + 1 : len - 64;
      while (pos < size && at < stop) {
        var posState = pos & pbMask;
        if (bit(IS_MATCH + (state << 4) + posState) === 0) {
          var prev = pos > 0 ? out[pos - 1] : 0;
          var base = LITERAL + 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc)));
          var sym = 1;
          if (state >= 7) {
            var match = out[pos - rep0 - 1];
            do {
              var mb = (match >> 7) & 1;
              match <<= 1;
              var b = bit(base + ((1 + mb) << 8) + sym);
              sym = (sym << 1) | b;
              if (mb !== b) break;
            } while (sym < 0x100);
          }
          while (sym < 0x100) sym = (sym << 1) | bit(base + sym);
          out[pos++] = sym & 0xff;
          state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
          continue;
        }
        var n;
        if (bit(IS_REP + state) === 1) {
          if (pos === 0) bad();
          if (bit(IS_REP_G0 + state) === 0) {
            if (bit(IS_REP0_LONG + (state << 4) + posState) === 0) {
              state = state < 7 ? 9 : 11;
              out[pos] = out[pos - rep0 - 1];
              pos++;
              continue;
            }
          } else {
            var dist;
            if (bit(IS_REP_G1 + state) === 0) dist = rep1;
            else {
              if (bit(IS_REP_G2 + state) === 0) dist = rep2;
              else { dist = rep3; rep3 = rep2; }
              rep2 = rep1;
            }
            rep1 = rep0;
            rep0 = dist;
          }
          n = length(REP_LEN, posState);
          state = state < 7 ? 8 : 11;
        } else {
          rep3 = rep2; rep2 = rep1; rep1 = rep0;
          n = length(LEN, posState);
          state = state < 7 ? 7 : 10;
          var slot = tree(POS_SLOT + ((n < 3 ? n : 3) << 6), 6);
          if (slot < 4) rep0 = slot;
          else {
            var bits = (slot >> 1) - 1;
            rep0 = ((2 | (slot & 1)) << bits) >>> 0;
            if (slot < 14) rep0 += reverse(SPEC_POS + rep0 - slot, bits);
            else rep0 += direct(bits - 4) * 16 + reverse(ALIGN, 4);
            if (rep0 === 0xffffffff) break; // the end marker
          }
          if (rep0 >= pos) bad();
        }
        n += 2;
        if (n > size - pos) bad();
        for (var from = pos - rep0 - 1; n > 0; n--) out[pos++] = out[from++];
      }
      if (last && pos < size) throw new Error('lzma: truncated');
      return pos;
    },
  };
}
