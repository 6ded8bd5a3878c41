// Inlined into every page by Trunk (rel="inline"). A panic stops the wasm (release builds
// abort: a WebAssembly.RuntimeError reaches the page), and so does any other trap; the page
// then saves nothing more, so it says so and offers a reload. Its words are here, in the
// page's language when the app has set it, not in the language files: they show however
// early it happens, with no wasm. What was saved before is untouched.
(function () {
  var texts = {
    en: ['Something went wrong. Your saved answers are safe: reload the page.', 'Reload'],
    es: ['Algo salió mal. Sus respuestas guardadas están a salvo: recargue la página.', 'Recargar'],
    pt: ['Algo deu errado. Suas respostas salvas estão seguras: recarregue a página.', 'Recarregar'],
    fr: ['Un problème est survenu. Vos réponses enregistrées sont en sécurité\u00a0: rechargez la page.', 'Recharger']
  };
  function crashed(error) {
    if (!(error instanceof WebAssembly.RuntimeError) || document.getElementById('crash')) return;
    var t = texts[document.documentElement.lang] || texts.en;
    var box = document.createElement('div'), p = document.createElement('p'), button = document.createElement('button');
    box.id = 'crash';
    box.className = 'notice fixed';
    box.setAttribute('role', 'alert');
    p.textContent = t[0];
    button.className = 'primary';
    button.textContent = t[1];
    // Without the address's #/…: what was open may be what failed.
    button.onclick = function () { location.replace(location.pathname + location.search); };
    box.append(p, button);
    document.body.append(box);
    button.focus();
  }
  addEventListener('error', function (e) { crashed(e.error); });
  addEventListener('unhandledrejection', function (e) { crashed(e.reason); });
})();
