/**
 * Progressive enhancement of the upload form, served from /admin/upload.js (the admin CSP allows scripts from its own
 * origin only, never inline): files dropped anywhere on the drop zone go into the file input. Without it, the input
 * works as any file input (and Chromium accepts drops on the input itself).
 *
 * On AWS the form carries data-presign: the script then asks the admin for a presigned URL per file and PUTs the file
 * straight into the source bucket's inbox (no size limit of the admin function in the way), and says what arrived.
 * Without the script the form posts the files to the admin as before.
 */
export const UPLOAD_SCRIPT = `'use strict';
document.querySelectorAll('[data-drop]').forEach(function (zone) {
  var input = zone.querySelector('input[type=file]');
  function on(e) { e.preventDefault(); zone.classList.add('over'); }
  function off() { zone.classList.remove('over'); }
  zone.addEventListener('dragenter', on);
  zone.addEventListener('dragover', on);
  zone.addEventListener('dragleave', off);
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    off();
    if (e.dataTransfer && e.dataTransfer.files.length > 0) input.files = e.dataTransfer.files;
  });
});
document.querySelectorAll('form[data-presign]').forEach(function (form) {
  form.addEventListener('submit', function (e) {
    var input = form.querySelector('input[type=file]');
    if (!window.fetch || !window.URLSearchParams || !input.files.length) return;
    e.preventDefault();
    var status = form.querySelector('[data-status]');
    var field = function (name) { var el = form.querySelector('[name=' + name + ']'); return el ? el.value : ''; };
    var files = Array.prototype.slice.call(input.files);
    if ((field('noticeDate') || field('sourceUrl')) && files.length > 1) {
      status.textContent = 'Anslagsdag och originalets adress gäller en fil: ladda upp en fil i taget med dem.';
      return;
    }
    var done = [];
    status.textContent = 'Laddar upp …';
    files.reduce(function (previous, file) {
      return previous.then(function () {
        var body = new URLSearchParams({ _csrf: field('_csrf'), name: file.name, size: String(file.size),
          noticeDate: field('noticeDate'), sourceUrl: field('sourceUrl') });
        return fetch(form.getAttribute('data-presign'), { method: 'POST', body: body, credentials: 'same-origin',
          headers: { Accept: 'application/json' } })
          .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.problem || r.status); return j; }); })
          .then(function (s) { return fetch(s.url, { method: s.method, headers: s.headers, body: file }); })
          .then(function (r) { if (!r.ok) throw new Error('lagringen svarade ' + r.status); done.push(file.name); });
      });
    }, Promise.resolve()).then(function () {
      status.textContent = 'Mottaget: ' + done.join(', ') + '. Filerna läses in inom någon minut och syns sedan under Väntar på publicering (ladda om sidan).';
      form.reset();
    }, function (error) {
      status.textContent = 'Uppladdningen misslyckades: ' + error.message + (done.length ? ' (mottaget: ' + done.join(', ') + ')' : '');
    });
  });
});
`;

/** A file name as shown and as given to ingest: the last path segment, no control characters, bounded. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/u).pop() ?? '';
  const clean = last
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^\.+/u, '')
    .trim()
    .slice(0, 200);
  return clean === '' ? 'uppladdad-fil' : clean;
}
