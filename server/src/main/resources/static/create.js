// The New competition page: each file is sent on its own (PUT /api/staff/staging/{name}) with its progress shown,
// then the settings and the staged ids start the build (POST /api/staff/competitions); the job page polls its status.
(function () {
  'use strict';
  var FILES = ['train', 'test', 'labels', 'bundle'];

  // The page's words in its language (data-t-* on the form), {0} filled in; English when the page has none.
  function t(name, arg, english) {
    var form = document.getElementById('create-form');
    var text = (form && form.getAttribute('data-t-' + name)) || english;
    return text.replace('{0}', arg);
  }

  function upload(input, csrf) {
    return new Promise(function (resolve, reject) {
      var file = input.files[0];
      var bar = document.getElementById(input.id + '-progress');
      bar.hidden = false;
      bar.value = 0;
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', '/api/staff/staging/' + encodeURIComponent(file.name));
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          bar.value = Math.floor(100 * e.loaded / e.total);
        }
      };
      xhr.onload = function () {
        var body = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch (ignored) {
          body = {error: t('answered', xhr.status, 'the server answered {0}')};
        }
        if (xhr.status === 201) {
          bar.value = 100;
          resolve(body.id);
        } else {
          reject(new Error(file.name + ': ' + (body.error || xhr.status)));
        }
      };
      xhr.onerror = function () {
        reject(new Error(t('interrupted', file.name, '{0}: the upload was interrupted; try again')));
      };
      xhr.send(file);
    });
  }

  function setUpForm(form) {
    var csrf = form.getAttribute('data-csrf');
    var problem = document.getElementById('create-problem');
    var button = document.getElementById('create-button');
    var staged = {};

    function show(message) {
      var old = document.getElementById('create-error');
      if (old) {
        old.hidden = true;
      }
      problem.textContent = message;
      problem.hidden = false;
      window.scrollTo(0, 0);
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      button.disabled = true;
      problem.hidden = true;
      var body = {};
      ['slug', 'title', 'timeZone', 'dailyLimit', 'deadline', 'finalSelections'].forEach(function (name) {
        body[name] = form.elements[name].value;
      });
      var chain = Promise.resolve();
      FILES.forEach(function (name) {
        var input = form.elements[name];
        if (input.files.length === 0) {
          return;
        }
        chain = chain.then(function () {
          var cached = staged[name];
          if (cached && cached.file === input.files[0]) {
            body[name] = cached.id;
            return null;
          }
          return upload(input, csrf).then(function (id) {
            staged[name] = {file: input.files[0], id: id};
            body[name] = id;
          });
        });
      });
      chain.then(function () {
        return fetch('/api/staff/competitions', {
          method: 'POST',
          headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
          body: JSON.stringify(body)
        });
      }).then(function (r) {
        return r.json().then(function (answer) {
          if (r.status === 202) {
            window.location.href = '/staff/competitions/jobs/' + answer.id;
            return;
          }
          if (r.status !== 409 && !(r.status === 400 && answer.error.indexOf('no staged file') < 0)) {
            staged = {};
          }
          show(t('not-created', answer.error, 'No competition was created: {0}'));
          button.disabled = false;
        });
      }).catch(function (e) {
        staged = {};
        show(t('not-created', e.message, 'No competition was created: {0}'));
        button.disabled = false;
      });
    });
  }

  function render(job) {
    var body = document.querySelector('#steps tbody');
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    job.steps.forEach(function (s) {
      var tr = document.createElement('tr');
      var name = document.createElement('td');
      name.textContent = s.name;
      var state = document.createElement('td');
      var pill = document.createElement('span');
      pill.className = 'pill ' + s.state;
      pill.textContent = s.percent === null ? s.state : s.state + ' ' + s.percent + ' %';
      state.appendChild(pill);
      tr.appendChild(name);
      tr.appendChild(state);
      body.appendChild(tr);
    });
    if (job.state === 'failed') {
      document.getElementById('job-message').textContent = job.message;
      document.getElementById('job-failed').hidden = false;
    }
    if (job.competition) {
      document.getElementById('staff-link').setAttribute('href', job.competition.staffPage);
      document.getElementById('page-link').setAttribute('href', job.competition.page);
      document.getElementById('job-done').hidden = false;
    }
  }

  function poll(job) {
    var id = job.getAttribute('data-job');
    function tick() {
      fetch('/api/staff/competitions/jobs/' + encodeURIComponent(id)).then(function (r) {
        return r.json();
      }).then(function (status) {
        render(status);
        var last = status.steps[status.steps.length - 1];
        if (status.state === 'running' || (status.state === 'done' && last.state === 'running')) {
          window.setTimeout(tick, 1000);
        }
      }).catch(function () {
        window.setTimeout(tick, 3000);
      });
    }
    var state = job.getAttribute('data-state');
    if (state !== 'failed') {
      window.setTimeout(tick, 300);
    }
  }

  var form = document.getElementById('create-form');
  if (form) {
    setUpForm(form);
  }
  var job = document.getElementById('job');
  if (job) {
    poll(job);
  }
})();
