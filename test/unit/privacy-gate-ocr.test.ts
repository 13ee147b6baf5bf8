/**
 * The privacy gate on OCR'd protocols: a misread digit breaks a personnummer's check digit, so the detector cannot be
 * trusted on a page the engine was unsure of; such pages hold their § for review ('low-ocr-confidence').
 */
import { describe, expect, it } from 'vitest';
import type { OcrPageConfidence } from '../../functions/core/records/types.ts';
import {
  applyPrivacyGate,
  DEFAULT_MIN_OCR_CONFIDENCE,
  DEFAULT_PRIVACY_POLICY,
} from '../../functions/pipeline/privacy-gate.ts';
import { buildProtocol } from '../support/protocol-builder.ts';

function scanned(ocrPages: OcrPageConfidence[]) {
  const protocol = buildProtocol({
    paragraphs: [{ pages: [1, 1] }, { pages: [2, 3] }, { pages: [4, 4] }],
  });
  return {
    ...protocol,
    meeting: { ...protocol.meeting, source: { ...protocol.meeting.source, textSource: 'ocr' as const, ocrPages } },
  };
}

const page = (n: number, confidence: number, uncertainNumbers = 0): OcrPageConfidence => ({
  page: n,
  confidence,
  uncertainNumbers,
});

describe('applyPrivacyGate: OCR confidence', () => {
  it('publishes § on pages read with confidence', () => {
    const outcome = applyPrivacyGate(
      scanned([page(1, 92), page(2, 88), page(3, 90), page(4, 85)]),
      DEFAULT_PRIVACY_POLICY,
    );
    expect(outcome.held).toEqual([]);
  });

  it('holds every § that touches a page under the threshold, and only those', () => {
    const low = DEFAULT_MIN_OCR_CONFIDENCE - 1;
    const outcome = applyPrivacyGate(
      scanned([page(1, 92), page(2, 88), page(3, low), page(4, 85)]),
      DEFAULT_PRIVACY_POLICY,
    );
    expect(outcome.held.map((h) => [h.number, h.reasons])).toEqual([['2', ['low-ocr-confidence']]]);
    expect(outcome.publishable.paragraphs.map((p) => p.number)).toEqual(['1', '3']);
  });

  it('holds a § on a page with a digit word the engine was unsure of, whatever the page mean', () => {
    const outcome = applyPrivacyGate(
      scanned([page(1, 95, 1), page(2, 95), page(3, 95), page(4, 95)]),
      DEFAULT_PRIVACY_POLICY,
    );
    expect(outcome.held.map((h) => h.number)).toEqual(['1']);
  });

  it('takes the threshold from the policy', () => {
    const protocol = scanned([page(1, 80), page(2, 80), page(3, 80), page(4, 80)]);
    expect(applyPrivacyGate(protocol, { ...DEFAULT_PRIVACY_POLICY, minOcrConfidence: 81 }).held).toHaveLength(3);
  });

  it('ignores confidence for text-layer protocols (no ocrPages)', () => {
    expect(applyPrivacyGate(buildProtocol({ paragraphs: [{}, {}] }), DEFAULT_PRIVACY_POLICY).held).toEqual([]);
  });
});
