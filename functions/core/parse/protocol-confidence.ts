import type { Meeting, Paragraph, ParseWarning } from '../records/types.ts';
import { numberValue } from './heading-line.ts';
import { meetingConfidence, round } from './confidence.ts';
import type { TextLayerAssessment } from './text-layer-quality.ts';

/** Below this a § or the protocol is flagged for a person to check. */
export const LOW_CONFIDENCE = 0.5;

/**
 * Finishes the confidences once every § is built: each § is weighed by the text layer of its pages, the meeting by
 * the whole parse; and the warnings that tell a municipality its template looked unfamiliar are added (the § count
 * differs from the printed range, most § have no decision, the text layer is damaged, low confidence).
 */
export function finishConfidence(
  meeting: Meeting,
  paragraphs: Paragraph[],
  textLayer: TextLayerAssessment,
  warnings: ParseWarning[],
): void {
  // Page scores weigh a § only when the text layer is damaged (most documents: no lookup at all).
  const pageScore = textLayer.damaged ? new Map(textLayer.pages.map((p) => [p.number, p.score])) : undefined;
  for (const p of paragraphs) {
    if (pageScore) {
      const s = Math.min(pageScore.get(p.pages[0]) ?? 1, pageScore.get(p.pages[1]) ?? 1);
      p.confidence = round(p.confidence * (0.5 + 0.5 * s));
    }
    if (p.confidence < LOW_CONFIDENCE) {
      warnings.push({
        code: 'low-confidence',
        paragraph: p.number,
        position: { page: p.pages[0], line: 0 },
        message: `§ ${p.number} was read with low confidence (${p.confidence}); check it before publishing`,
      });
    }
  }
  const expected = expectedCount(meeting);
  const withDecision = paragraphs.filter((p) => p.decision !== '').length;
  meeting.textLayer = { score: textLayer.score, damaged: textLayer.damaged };
  meeting.confidence = meetingConfidence({
    found: paragraphs.length,
    expected,
    withDecision,
    paragraphConfidences: paragraphs.map((p) => p.confidence),
    textLayer: textLayer.score,
  });
  const at = { page: 1, line: 1 };
  if (textLayer.damaged) {
    warnings.push({
      code: 'text-layer-damaged',
      position: at,
      message: `the text layer looks damaged (score ${textLayer.score}): ${textLayer.reasons.join('; ')}; titles and markers may be misspelt, OCR may help`,
    });
  }
  if (expected !== undefined && paragraphs.length > 0 && paragraphs.length !== expected) {
    warnings.push({
      code: 'range-mismatch',
      position: at,
      message: `${paragraphs.length} § found, the printed range ${meeting.paragraphRange?.raw ?? ''} has ${expected}`,
    });
  }
  if (paragraphs.length >= 3 && withDecision / paragraphs.length < 0.5) {
    warnings.push({
      code: 'few-decisions',
      position: at,
      message: `only ${withDecision} of ${paragraphs.length} § have a recognised decision: the template's decision marker may be unfamiliar`,
    });
  }
  if (paragraphs.length > 0 && meeting.confidence < LOW_CONFIDENCE) {
    warnings.push({
      code: 'low-confidence',
      position: at,
      message: `the protocol was read with low confidence (${meeting.confidence}): it may use an unfamiliar template; check it before publishing`,
    });
  }
}

/** The number of § the printed range spans ("§§94-110" → 17), when printed and sane. */
function expectedCount(meeting: Meeting): number | undefined {
  const range = meeting.paragraphRange;
  if (!range) return undefined;
  const n = numberValue(range.to) - numberValue(range.from) + 1;
  return Number.isFinite(n) && n >= 1 && n <= 1000 ? n : undefined;
}
