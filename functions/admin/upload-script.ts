/**
 * Progressive enhancement of the upload form, served from /admin/upload.js (the admin CSP allows scripts from its own
 * origin only, never inline): files dropped anywhere on the drop zone go into the file input. Without it, the input
 * works as any file input (and Chromium accepts drops on the input itself).
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
