// Inlined into every page by Trunk (rel="inline"). Starts fetching the person's language while
// the wasm downloads: their choice, else the first of the browser's languages the app speaks,
// else English (src/ui/locale.rs keeps the same rule). scripts/precache.mjs writes this
// build's file names (content-hashed) in place of the {}: for each language, the files this
// page reads its texts from (the collector one, the other pages two: scripts/locale-pages.json).
(function () {
  var files = /*GCM_LOCALES*/{}/*END*/, lang;
  try { lang = JSON.parse(localStorage.getItem('gcm.lang')); } catch (e) {}
  if (!files[lang]) {
    lang = 'en';
    var tags = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < tags.length; i++) {
      var code = String(tags[i]).split(/[-_]/)[0].toLowerCase();
      if (files[code]) { lang = code; break; }
    }
  }
  var locale = window.gcmLocale = { files: files, lang: lang };
  if (files[lang]) {
    // The texts of each file, in order.
    locale.text = Promise.all(files[lang].map(function (url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); });
    }));
    locale.text.catch(function () {});
  }
})();
