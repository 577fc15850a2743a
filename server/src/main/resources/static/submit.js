// The Submit page without a reload: the chosen or dropped file goes to the submissions API with its upload progress
// shown, and the score or the refusal appears in place. Without JavaScript the form posts and redirects as before.
(function () {
  'use strict';
  var form = document.getElementById('submit-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var input = document.getElementById('file');
  var zone = document.getElementById('drop-zone');
  var chosen = document.getElementById('chosen');
  var bar = document.getElementById('upload-progress');
  var button = form.querySelector('button[type=submit]');

  function t(name) {
    return form.getAttribute('data-t-' + name) || '';
  }

  function showChosen() {
    chosen.textContent = input.files.length ? input.files[0].name + ' (' + size(input.files[0].size) + ')' : '';
  }

  function size(bytes) {
    if (bytes < 1024) {
      return bytes + ' bytes';
    }
    return bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KB' : (bytes / 1048576).toFixed(1) + ' MB';
  }

  input.addEventListener('change', showChosen);
  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (e) {
      e.preventDefault();
      zone.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function () {
      zone.classList.remove('dragging');
    });
  });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showChosen();
    }
  });

  function resultCard() {
    var card = document.getElementById('result');
    if (!card) {
      card = document.createElement('section');
      card.id = 'result';
      form.closest('.grid2').parentNode.insertBefore(card, form.closest('.grid2'));
    }
    card.className = 'card result';
    card.setAttribute('role', 'status');
    while (card.firstChild) {
      card.removeChild(card.firstChild);
    }
    return card;
  }

  function line(card, cls, text, id) {
    var p = document.createElement('p');
    if (cls) {
      p.className = cls;
    }
    if (id) {
      p.id = id;
    }
    p.textContent = text;
    card.appendChild(p);
    return p;
  }

  function link(p, href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    p.appendChild(a);
  }

  function show(status, body, fileName) {
    var card = resultCard();
    var s = body.submission || {};
    var base = form.getAttribute('data-base') || '';
    if (status === 201) {
      card.classList.add('good');
      line(card, 'label', s.late ? t('public-late') : t('public'));
      line(card, 'score', s.publicScoreText || '—', 'public-score');
      line(card, 'file-name', s.fileName || fileName);
      if (s.message) {
        line(card, 'muted', s.message);
      }
      var next = line(card, 'next', '');
      link(next, base + '/leaderboard', t('leaderboard'));
      next.appendChild(document.createTextNode(' · '));
      link(next, base + '/submissions', t('submissions'));
    } else {
      card.classList.add('bad');
      line(card, 'label', status === 422 || status === 400 ? t('refused')
          : status === 202 ? t('received') : t('not-accepted'));
      line(card, 'file-name', fileName);
      line(card, '', body.error || t('answered').replace('{0}', status), 'refusal');
    }
    if (typeof body.submissionsLeftToday === 'number') {
      document.getElementById('left').textContent = body.submissionsLeftToday;
      if (body.submissionsLeftToday === 0) {
        button.disabled = true;
      }
    }
    card.scrollIntoView({block: 'nearest'});
  }

  form.addEventListener('submit', function (e) {
    if (!input.files.length) {
      return;
    }
    e.preventDefault();
    var file = input.files[0];
    var data = new FormData();
    data.append('file', file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('data-api') + '/submissions');
    xhr.setRequestHeader('X-CSRF-Token', form.getAttribute('data-csrf'));
    xhr.setRequestHeader('Accept', 'application/json');
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) {
        bar.value = Math.floor(100 * ev.loaded / ev.total);
      }
    };
    xhr.onload = function () {
      var body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        body = {};
      }
      bar.value = 100;
      button.disabled = false;
      show(xhr.status, body, file.name);
      if (body.submission && body.outcome && window.history && history.replaceState) {
        history.replaceState(null, '', (form.getAttribute('data-base') || '') + '/submit?submission=' + body.submission.id
            + '&outcome=' + body.outcome);
      }
      form.reset();
      showChosen();
      bar.hidden = true;
    };
    xhr.onerror = function () {
      button.disabled = false;
      bar.hidden = true;
      show(0, {error: t('interrupted')}, file.name);
    };
    xhr.send(data);
  });
}());
