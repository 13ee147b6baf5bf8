import { describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import type { MeetingRecord, PendingMarker } from '../../functions/store/meeting-record.ts';
import { InvalidReviewIdError, type ParagraphDecision } from '../../functions/pipeline/review/decision.ts';
import {
  rejectParagraph,
  releaseParagraph,
  ReviewRefusedError,
} from '../../functions/pipeline/review/review-decisions.ts';
import { listReview, NotUnderReviewError, showReview } from '../../functions/pipeline/review/review-queue.ts';
import { FILE_NAME, plantedProtocol } from '../support/planted-protocol.ts';
import { keys, readJsonAt } from './ingest-support.ts';

const HELD = 'alingsas-kommunstyrelsen-2024-03-06-5';
const PUBLISHED = 'alingsas-kommunstyrelsen-2024-03-06-6';
const RECORD = 'records/alingsas/kommunstyrelsen/2024/alingsas-kommunstyrelsen-2024-03-06.json';
const BODY = 'Sökanden Greta Gustafsson, 850709-9805, har ansökt om färdtjänst.';

async function setup(body = BODY) {
  const store = new MemoryBlobStore();
  const clock = fixedClock('2024-03-10T10:00:00Z');
  const deps = { store, clock, extractor: createDocumentExtractor({ maxBytes: 1 << 20 }) };
  const ingest = (text: string) => ingestDocument(deps, { bytes: new TextEncoder().encode(text), fileName: FILE_NAME });
  await ingest(plantedProtocol({ title: 'Ansökan om färdtjänst', body }));
  const record = () => readJsonAt<MeetingRecord>(store, RECORD);
  return { store, clock, ingest, record, review: { store, clock } };
}

describe('releaseParagraph', () => {
  it('publishes the § masked at the next publish: record, pending marker, decision with history, review entry kept', async () => {
    const { store, clock, record, review } = await setup();
    expect((await record()).held.map((h) => h.paragraphId)).toEqual([HELD]);
    clock.advance(60_000);
    const outcome = await releaseParagraph(review, {
      paragraphId: HELD,
      redactions: ['Greta Gustafsson', '850709-9805'],
      basis: 'OSL 26 kap. 1 §',
      by: 'Eva',
    });
    // Each text twice: in the section and in the verbatim text of the §.
    expect(outcome).toEqual({ paragraphId: HELD, state: 'released', masked: [2, 2], recordChanged: true });

    const after = await record();
    expect(after.held).toEqual([]);
    const released = after.protocol.paragraphs.find((p) => p.id === HELD);
    expect(released).toMatchObject({ redacted: true, redactionBasis: 'OSL 26 kap. 1 §' });
    expect(JSON.stringify(after)).not.toMatch(/Gustafsson|9805/u);
    expect(after.protocol.paragraphs.map((p) => p.number)).toEqual(['4', '5', '6']);

    const markers = await keys(store, 'pending/');
    const reviewed = await Promise.all(markers.map((k) => readJsonAt<PendingMarker>(store, k)));
    expect(reviewed.map((m) => m.change)).toContain('reviewed');

    const decision = await readJsonAt<ParagraphDecision>(
      store,
      `decisions/alingsas-kommunstyrelsen-2024-03-06/${HELD}.json`,
    );
    expect(decision).toMatchObject({
      state: 'released',
      basis: 'OSL 26 kap. 1 §',
      redactions: ['Greta Gustafsson', '850709-9805'],
    });
    expect(decision.history).toEqual([
      expect.objectContaining({
        action: 'release',
        by: 'Eva',
        at: '2024-03-10T10:01:00.000Z',
        redactionCount: 2,
        recordVersion: 1,
      }),
    ]);
    expect(await keys(store, 'review/')).toEqual([`review/alingsas-kommunstyrelsen-2024-03-06/${HELD}.json`]);
    expect((await listReview(store)).map((i) => [i.paragraphId, i.state, i.decidedBy])).toEqual([
      [HELD, 'released', 'Eva'],
    ]);
  });

  it('is refused while a personnummer is left, and when a text is not in the §; nothing is written', async () => {
    const { store, review } = await setup();
    const before = await keys(store);
    await expect(
      releaseParagraph(review, { paragraphId: HELD, redactions: ['Greta Gustafsson'], by: 'Eva' }),
    ).rejects.toThrow(ReviewRefusedError);
    await expect(
      releaseParagraph(review, { paragraphId: HELD, redactions: ['850709-9805', 'Greta Gustafson'], by: 'Eva' }),
    ).rejects.toThrow(/does not occur/u);
    await expect(releaseParagraph(review, { paragraphId: HELD, redactions: ['850709-9805'], by: ' ' })).rejects.toThrow(
      /--by/u,
    );
    expect(await keys(store)).toEqual(before);
  });

  it('knows only held § and § ids', async () => {
    const { review } = await setup();
    await expect(releaseParagraph(review, { paragraphId: PUBLISHED, by: 'Eva' })).rejects.toThrow(NotUnderReviewError);
    await expect(releaseParagraph(review, { paragraphId: '../../etc/passwd', by: 'Eva' })).rejects.toThrow(
      InvalidReviewIdError,
    );
    await expect(showReview(review.store, 'alingsas-kommunstyrelsen-2024-03-06-99')).rejects.toThrow(
      NotUnderReviewError,
    );
  });
});

describe('rejectParagraph', () => {
  it('keeps a held § held, with who and why, and needs a reason', async () => {
    const { record, review } = await setup();
    await expect(rejectParagraph(review, { paragraphId: HELD, reason: ' ', by: 'Eva' })).rejects.toThrow(/reason/u);
    const outcome = await rejectParagraph(review, { paragraphId: HELD, reason: 'Enskilds ärende', by: 'Eva' });
    expect(outcome.state).toBe('rejected');
    expect((await record()).held).toEqual([expect.objectContaining({ paragraphId: HELD, decision: 'rejected' })]);
    const detail = await showReview(review.store, HELD);
    expect(detail.item).toMatchObject({ state: 'rejected', reason: 'Enskilds ärende', decidedBy: 'Eva' });
  });

  it('takes a published § out of the next publish and keeps its text for review', async () => {
    const { record, review } = await setup();
    const outcome = await rejectParagraph(review, {
      paragraphId: PUBLISHED,
      reason: 'Missad uppgift om enskild',
      by: 'Eva',
    });
    expect(outcome.recordChanged).toBe(true);
    const after = await record();
    expect(after.protocol.paragraphs.map((p) => p.id)).not.toContain(PUBLISHED);
    expect(after.held.map((h) => [h.paragraphId, h.decision])).toContainEqual([PUBLISHED, 'rejected']);
    expect((await showReview(review.store, PUBLISHED)).paragraph?.title).toBe('Delegationsbeslut');
  });

  it('a change of mind: reject, then release; the history keeps both', async () => {
    const { review, record } = await setup();
    await rejectParagraph(review, { paragraphId: HELD, reason: 'Osäkert', by: 'Eva' });
    await releaseParagraph(review, { paragraphId: HELD, redactions: ['Greta Gustafsson', '850709-9805'], by: 'Per' });
    expect((await record()).held).toEqual([]);
    const { decision } = await showReview(review.store, HELD);
    expect(decision?.history.map((e) => [e.action, e.by])).toEqual([
      ['reject', 'Eva'],
      ['release', 'Per'],
    ]);
  });
});

describe('decisions survive new versions of the protocol', () => {
  it('a released § that reads the same stays released; one that changed is held again', async () => {
    const { ingest, record, review } = await setup();
    await releaseParagraph(review, { paragraphId: HELD, redactions: ['Greta Gustafsson', '850709-9805'], by: 'Eva' });
    // The front matter changes (another member): the released § reads the same.
    await ingest(plantedProtocol({ title: 'Ansökan om färdtjänst', body: BODY, member: 'Erik Ek (L)' }));
    expect((await record()).ingest.version).toBe(2);
    expect((await record()).held).toEqual([]);
    // The released § itself changes: back to review, never published with the new text unreviewed.
    await ingest(plantedProtocol({ title: 'Ansökan om färdtjänst', body: `${BODY} Tel. 070-123 45 67.` }));
    const v3 = await record();
    expect(v3.held).toEqual([expect.objectContaining({ paragraphId: HELD, decision: 'changed-since-release' })]);
    expect(v3.protocol.paragraphs.map((p) => p.id)).not.toContain(HELD);
    expect((await listReview(review.store)).map((i) => i.state)).toEqual(['changed-since-release']);
  });

  it('a rejected § stays out even when the corrected protocol no longer triggers the gate', async () => {
    const { ingest, record, review } = await setup();
    await rejectParagraph(review, { paragraphId: HELD, reason: 'Enskilds ärende', by: 'Eva' });
    await ingest(plantedProtocol({ title: 'Yttrande över remiss om vägen', body: 'Ett yttrande har kommit in.' }));
    const after = await record();
    expect(after.protocol.paragraphs.map((p) => p.id)).not.toContain(HELD);
    expect(after.held).toEqual([expect.objectContaining({ paragraphId: HELD, reasons: [], decision: 'rejected' })]);
  });
});
