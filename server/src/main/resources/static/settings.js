// The settings page's rules preview, redrawn as staff type: the same POST as the Preview button (which saves
// nothing), its #rules-preview put in place. Without JavaScript the button does the same.
(function () {
  var form = document.getElementById('settings-form');
  var rules = form && form.elements.namedItem('rulesMarkdown');
  var slot = document.getElementById('preview-slot');
  if (!rules || !slot || !window.fetch) {
    return;
  }
  var timer = null;
  var asked = 0;
  rules.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var body = new URLSearchParams(new FormData(form));
      body.set('preview', '1');
      var mine = ++asked;
      fetch(form.action, {method: 'POST', body: body, credentials: 'same-origin'})
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var shown = new DOMParser().parseFromString(html, 'text/html').getElementById('rules-preview');
          if (mine === asked && shown) {
            slot.replaceChildren(document.importNode(shown, true));
          }
        })
        .catch(function () { /* the Preview button still works */ });
    }, 600);
  });
})();
