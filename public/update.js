// Inlined into every page by Trunk (rel="inline"); each page then calls gcmWorker with the
// worker's address. The worker makes the app load with no network after the first visit. A
// newer build's worker waits (public/sw.js) until the person agrees to reload: <html
// data-update> shows the page's offer (src/ui/reload.rs), which saves first, then calls
// window.gcmUpdate, which lets the new worker take over and reloads once it has.
function gcmWorker(url) {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  addEventListener('load', function () {
    navigator.serviceWorker.register(url).then(function (reg) {
      function offer() {
        // Not on a first visit: the first worker replaces nothing, so it takes over at once.
        if (!reg.waiting || !navigator.serviceWorker.controller) return;
        window.gcmUpdate = function () {
          if (!reg.waiting) return location.reload();
          navigator.serviceWorker.addEventListener('controllerchange', function () { location.reload(); });
          reg.waiting.postMessage('skip-waiting');
        };
        document.documentElement.setAttribute('data-update', '');
      }
      offer();
      // A page opened while the first worker was still installing stays uncontrolled after its
      // one claim of the pages then open (and offline it would not load from the cache): it
      // asks to be claimed too.
      navigator.serviceWorker.ready.then(function (ready) {
        if (!navigator.serviceWorker.controller && ready.active) ready.active.postMessage('claim');
      });
      reg.addEventListener('updatefound', function () {
        var worker = reg.installing;
        if (worker) worker.addEventListener('statechange', function () { if (worker.state === 'installed') offer(); });
      });
    }).catch(function (e) { console.warn('offline support unavailable', e); });
  });
}
