// A page's wasm, for Trunk's loader (scripts/minify.mjs rewrites its `init` to take this, in
// release builds, and to fetch the plain file should it fail): the LZMA copy (X_bg.wasm.lzma,
// public/unlzma.js), fetched from here as the page's head is read and decoded in a worker as it
// arrives, the bytes handed on as a stream, so the browser compiles the wasm while the rest is
// still coming. In a worker because decoding it takes some 40 ms of a cold JavaScript engine
// (160-200 ms at Lighthouse's 4x slowdown), which on the page's own thread made long tasks
// (issue 14: TBT). The worker is made from this page's own code (a blob: URL), no file more to
// fetch. Under the service worker, which keeps the wasm decoded (sw.js), the plain file; so too
// where the copy is missing or a browser has no workers.
function gcmWasm(url) {
  var plain = function () { return fetch(url); };
  if (navigator.serviceWorker && navigator.serviceWorker.controller) return plain();
  return fetch(url + '.lzma').then(function (res) {
    // The worker is made once the copy answers, while its bytes are on their way: made as the
    // page's head is read, it held the parser 3-20 ms (a long task at 4x slowdown).
    var worker = null;
    try {
      var code = 'var gcmUnlzma = ' + gcmUnlzma + ';\n(' + gcmUnlzmaWorker + ')();';
      if (res.ok && res.body) worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    } catch (_) { /* no workers: the plain file */ }
    if (!worker) return plain();
    var reader = res.body.getReader();
    var send = function () {
      reader.read().then(function (r) {
        worker.postMessage(r.done ? null : r.value);
        if (!r.done) send();
      }, function () { worker.postMessage('lzma: the copy stopped arriving'); });
    };
    send();
    return new Response(new ReadableStream({
      start: function (ctl) {
        worker.onmessage = function (e) {
          if (e.data === null) ctl.close();
          else if (typeof e.data === 'string') ctl.error(new Error(e.data));
          else return ctl.enqueue(e.data);
          worker.terminate();
        };
        worker.onerror = function (e) {
          e.preventDefault();
          ctl.error(new Error('lzma: ' + e.message));
          worker.terminate();
        };
      },
    }), { headers: { 'Content-Type': 'application/wasm' } });
  });
}

// The worker's side: the compressed bytes in (null when there are no more, a text if they
// stopped), the decoded ones out as they come (null at the end, a text on an error).
function gcmUnlzmaWorker() {
  var head = new Uint8Array(0), unpack = null, sent = 0;
  onmessage = function (e) {
    try {
      if (typeof e.data === 'string') throw new Error(e.data);
      var last = e.data === null, chunk = last ? new Uint8Array(0) : e.data;
      if (!unpack) {
        var joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined;
        if (head.length < 13 && !last) return;
        unpack = gcmUnlzma(head);
        chunk = head.subarray(13);
      }
      var n = unpack.push(chunk, last);
      if (n > sent) {
        var part = unpack.out.slice(sent, n);
        postMessage(part, [part.buffer]);
        sent = n;
      }
      if (sent === unpack.size) postMessage(null);
    } catch (err) {
      postMessage(String(err.message || err));
    }
  };
}
