/** Minimal XML writing helpers: escaping that is safe in text and in attribute values. */

/**
 * XML 1.0 (§2.2 Char) forbids most C0 control characters even when escaped; text from PDFs can contain them (form
 * feeds, stray NULs), so they are removed rather than producing a document no harvester can parse.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/gu, (c) => ENTITIES[c]!);
}
