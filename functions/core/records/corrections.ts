import type { Paragraph, Protocol } from './types.ts';

/** A § whose text a corrected protocol changed: when the correction was received, and what replaced what. */
export interface Correction {
  /** YYYY-MM-DD the corrected protocol was received. */
  date: string;
  reason: string;
}

/**
 * Marks the § a corrected protocol changed: a § whose text differs from the same § (same id) of the version it
 * replaces gets `corrected`; one that reads the same keeps the mark an earlier correction gave it. New § and § the
 * previous version did not publish are not marked (there is no published text they correct), nor § published with
 * masked text (a change to those is caught by review: changed-since-release).
 */
export function markCorrections(protocol: Protocol, previous: readonly Paragraph[], correction: Correction): Protocol {
  const before = new Map(previous.map((p) => [p.id, p]));
  const paragraphs = protocol.paragraphs.map((p) => {
    const old = before.get(p.id);
    // A masked § cannot be compared with the new, unmasked text; review holds it again if it changed.
    if (old === undefined || old.redacted) return p;
    if (old.text !== p.text) return { ...p, corrected: correction };
    return old.corrected ? { ...p, corrected: old.corrected } : p;
  });
  return { ...protocol, paragraphs };
}
