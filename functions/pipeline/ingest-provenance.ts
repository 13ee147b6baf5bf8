import { cleanProvenance, provenanceProblems } from '../core/records/provenance.ts';
import type { ParseHints, SourceProvenance } from '../core/records/types.ts';

/**
 * Provenance that came with a file and cannot be kept: a source URL that is not http(s), a malformed notice date.
 * A caller's error (a flag, a harvester bug, tampered object metadata), so ingest stops before writing anything.
 */
export class InvalidProvenanceError extends Error {
  override name = 'InvalidProvenanceError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid provenance: ${problems.join('; ')}`);
  }
}

/** The provenance with empty fields dropped, or InvalidProvenanceError listing what is wrong. */
export function checkedProvenance(provenance: SourceProvenance | undefined): SourceProvenance {
  if (provenance === undefined) return {};
  const clean = cleanProvenance(provenance);
  const problems = provenanceProblems(clean);
  if (problems.length > 0) throw new InvalidProvenanceError(problems);
  return clean;
}

/** The parser's hints with the provenance's notice date, unless the caller already gave one. */
export function hintsWithNotice(hints: ParseHints, provenance: SourceProvenance): ParseHints {
  return provenance.noticeDate === undefined || hints.noticeDate !== undefined
    ? hints
    : { ...hints, noticeDate: provenance.noticeDate };
}
