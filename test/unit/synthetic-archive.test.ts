import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { findPersonalNumbers } from '../../functions/core/privacy/personal-numbers.ts';
import { isValidId } from '../../functions/core/records/ids.ts';
import { isMeetingRecord, type MeetingRecord, type ReviewEntry } from '../../functions/store/meeting-record.ts';
import { generateArchive } from '../../functions/pipeline/synthetic/generate-archive.ts';
import { planMeetings } from '../../functions/pipeline/synthetic/plan.ts';
import { personalNumber } from '../../functions/pipeline/synthetic/people.ts';
import { Random } from '../../functions/pipeline/synthetic/random.ts';

async function objects(store: MemoryBlobStore, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const meta of store.list(prefix))
    out.set(meta.key, new TextDecoder().decode((await store.get(meta.key))!));
  return out;
}

async function records(store: MemoryBlobStore): Promise<MeetingRecord[]> {
  return [...(await objects(store, 'records/')).values()].map((t) => JSON.parse(t) as MeetingRecord);
}

describe('synthetic archive', () => {
  it('is deterministic: the same seed gives the same records, byte for byte', async () => {
    const a = new MemoryBlobStore();
    const b = new MemoryBlobStore();
    await generateArchive(a, { meetings: 40, seed: 7 });
    await generateArchive(b, { meetings: 40, seed: 7 });
    expect(await objects(a, '')).toEqual(await objects(b, ''));
    const c = new MemoryBlobStore();
    await generateArchive(c, { meetings: 40, seed: 8 });
    expect([...(await objects(c, 'records/')).keys()]).not.toEqual([...(await objects(a, 'records/')).keys()]);
  });

  it('a smaller archive is a prefix of a larger one with the same seed', () => {
    const small = [...planMeetings({ meetings: 50, seed: 3, fromYear: 2019, toYear: 2026 })];
    const large = [...planMeetings({ meetings: 500, seed: 3, fromYear: 2019, toYear: 2026 })];
    expect(large.slice(0, 50)).toEqual(small);
  });

  it('spreads over many municipalities, bodies and years, ~13 § a meeting, with unique valid ids', async () => {
    const store = new MemoryBlobStore();
    const summary = await generateArchive(store, { meetings: 600 });
    const all = await records(store);
    expect(all).toHaveLength(600);
    expect(all.every(isMeetingRecord)).toBe(true);
    expect(new Set(all.map((r) => r.meetingId)).size).toBe(600);
    expect(new Set(all.map((r) => r.municipalitySlug)).size).toBeGreaterThan(30);
    expect(new Set(all.map((r) => r.bodySlug)).size).toBeGreaterThan(6);
    expect(new Set(all.map((r) => r.year)).size).toBe(8);
    const perMeeting = summary.paragraphs / summary.meetings;
    expect(perMeeting).toBeGreaterThan(11);
    expect(perMeeting).toBeLessThan(15);
    for (const r of all) {
      expect(r.year).toBe(Number(r.protocol.meeting.date.slice(0, 4)));
      expect(r.meetingId).toBe(`${r.municipalitySlug}-${r.bodySlug}-${r.protocol.meeting.date}`);
      for (const p of r.protocol.paragraphs) expect(isValidId(p.id) && p.id.startsWith(`${r.meetingId}-`)).toBe(true);
    }
  });

  it('numbers § through the year within a body, as real protocols do', async () => {
    const store = new MemoryBlobStore();
    await generateArchive(store, { meetings: 60 });
    const byUnit = new Map<string, MeetingRecord[]>();
    for (const r of await records(store))
      byUnit.set(`${r.municipalitySlug}/${r.bodySlug}/${r.year}`, [
        ...(byUnit.get(`${r.municipalitySlug}/${r.bodySlug}/${r.year}`) ?? []),
        r,
      ]);
    for (const unit of byUnit.values()) {
      const numbers = unit
        .sort((x, y) => x.protocol.meeting.date.localeCompare(y.protocol.meeting.date))
        .flatMap((r) =>
          [...r.protocol.paragraphs.map((p) => p.number), ...r.held.map((h) => h.number)]
            .map(Number)
            .sort((a, b) => a - b),
        );
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('goes through the real privacy gate: social-services § and § with a personnummer are held, their text only in review/', async () => {
    const store = new MemoryBlobStore();
    const summary = await generateArchive(store, { meetings: 800 });
    const all = await records(store);
    const social = all.filter((r) => r.bodySlug === 'socialnamnden');
    expect(social.length).toBeGreaterThan(0);
    for (const r of social) {
      expect(r.protocol.paragraphs).toEqual([]);
      expect(r.held.every((h) => h.reasons.includes('review-first-body'))).toBe(true);
    }
    const byNumber = all.flatMap((r) => r.held.filter((h) => h.reasons.includes('personal-number')));
    expect(byNumber.length).toBeGreaterThan(0);
    expect(summary.held).toBe(all.reduce((n, r) => n + r.held.length, 0));
    // The source's sha256 is exempt: a hex digest can hold a Luhn-valid, date-like run of ten digits by chance.
    for (const r of all) {
      const { source: _source, ...meeting } = r.protocol.meeting;
      expect(findPersonalNumbers(JSON.stringify([meeting, r.protocol.paragraphs]))).toEqual([]);
    }
    const reviews = [...(await objects(store, 'review/')).values()].map((t) => JSON.parse(t) as ReviewEntry);
    expect(reviews).toHaveLength(summary.held);
  });

  it('makes personnummer that pass the Luhn check, so the gate must catch them', () => {
    const random = new Random(1);
    for (let i = 0; i < 50; i++) {
      const pnr = personalNumber(random);
      expect(pnr).toMatch(/^\d{6}-\d{4}$/u);
      expect(findPersonalNumbers(`text ${pnr} text`)).toHaveLength(1);
    }
  });

  it('leaves one pending marker per meeting for the publisher', async () => {
    const store = new MemoryBlobStore();
    await generateArchive(store, { meetings: 25 });
    expect((await objects(store, 'pending/')).size).toBe(25);
  });
});
