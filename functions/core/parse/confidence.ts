import type { Paragraph } from '../records/types.ts';
import type { Line } from './lines.ts';
import type { Boundary } from './paragraph-boundaries.ts';

/**
 * Confidence of one § (0–1), from what the parse saw rather than from a model: how clearly the heading stood out and
 * fitted the chain (its candidate score), whether a title and a decision were found. The text layer's quality is
 * applied afterwards by the protocol (it is known per page). Two decimals: it is read by people.
 */
export function paragraphConfidence(input: {
  boundary: Boundary;
  paragraph: Paragraph;
  span: readonly Line[];
}): number {
  const { boundary, paragraph } = input;
  let c = clamp((boundary.score - 1) / 6, 0.2, 1);
  if (boundary.evidence.contents || boundary.evidence.crossReference) c *= 0.5;
  if (paragraph.title === '') c *= 0.8;
  if (paragraph.decision === '') c *= 0.85;
  if (paragraph.text.length < 40) c *= 0.8;
  return round(c);
}

/**
 * Confidence of the whole protocol: the § found against the printed range, the share of § with a decision (a
 * template whose decision marker was not recognised leaves most § without one), the mean § confidence and the text
 * layer's score.
 */
export function meetingConfidence(input: {
  found: number;
  expected: number | undefined;
  withDecision: number;
  paragraphConfidences: readonly number[];
  textLayer: number;
}): number {
  const { found, expected, withDecision, paragraphConfidences, textLayer } = input;
  if (found === 0) return 0;
  const rangeFit = expected === undefined ? 0.9 : Math.min(found, expected) / Math.max(found, expected);
  const share = withDecision / found;
  const decisions = 0.5 + 0.5 * Math.min(1, share / 0.6);
  const mean = paragraphConfidences.reduce((a, b) => a + b, 0) / found;
  return round(rangeFit * decisions * (0.5 + 0.5 * mean) * (0.4 + 0.6 * textLayer));
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
