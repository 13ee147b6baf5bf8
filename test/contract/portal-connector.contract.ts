/**
 * The contract every portal connector keeps (functions/ports/portal-connector.ts), run against each system's fake
 * portal on loopback through the real polite HTTP client. Each connector's test file supplies a fixture: the fake,
 * the connector, and what the fake holds (bodies, meetings in a range, protocols and their related documents).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RobotsDisallowedError } from '../../functions/ports/http-client.ts';
import {
  SoftNotFoundError,
  type DateRange,
  type PortalConnector,
  type PortalMeeting,
} from '../../functions/ports/portal-connector.ts';
import { TEST_CONTACT, type Harness } from '../support/fake-portals/harness.ts';
import type { FakeServer } from '../support/fake-portals/loopback-server.ts';

export interface ExpectedMeeting {
  protocol?: { bytes: Uint8Array; related: number };
  note?: 'not-yet-published' | 'cancelled';
}

export interface PortalFixture {
  connector: PortalConnector;
  harness: Harness;
  server: FakeServer;
  /** Body names the portal must list. */
  bodies: string[];
  /** The body the suite walks. */
  body: string;
  range: DateRange;
  /** Every meeting of that body in the range, by date. */
  expected: Record<string, ExpectedMeeting>;
  /** A meeting date of that body that lies outside the range. */
  outside: string;
  /** A URL on the fake that answers an HTML page with status 200. */
  htmlUrl: string;
  /** Least time between two request starts to the fake's host. */
  intervalMs: number;
  stop(): Promise<void>;
}

export interface PortalSetupOptions {
  robots?: string | null;
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function portalConnectorContract(
  system: string,
  setup: (options: PortalSetupOptions) => Promise<PortalFixture>,
): void {
  describe(`portal connector contract: ${system}`, () => {
    let f: PortalFixture;
    let meetings: PortalMeeting[];
    beforeAll(async () => {
      f = await setup({});
      const body = (await f.connector.listBodies()).find((b) => b.name === f.body);
      expect(body, `${f.body} is listed`).toBeDefined();
      meetings = await f.connector.listMeetings(body!, f.range);
    });
    afterAll(() => f.stop());

    it('lists the bodies the portal has', async () => {
      const names = (await f.connector.listBodies()).map((b) => b.name);
      expect(names).toEqual(expect.arrayContaining(f.bodies));
    });

    it('lists the meetings of a body in a date range, dated, and none outside it', () => {
      expect(meetings.map((m) => m.date).sort()).toEqual(Object.keys(f.expected).sort());
      expect(meetings.map((m) => m.date)).not.toContain(f.outside);
      for (const m of meetings) expect(m.body.name).toBe(f.body);
    });

    it('keys meetings the same way on every listing', async () => {
      const body = meetings[0]!.body;
      const again = await f.connector.listMeetings(body, f.range);
      expect(again.map((m) => m.key).sort()).toEqual(meetings.map((m) => m.key).sort());
      expect(new Set(meetings.map((m) => m.key)).size).toBe(meetings.length);
    });

    it('picks the full protocol of each meeting, keeps partials and variants as related, and fetches its bytes', async () => {
      for (const meeting of meetings) {
        const want = f.expected[meeting.date]!;
        const listed = await f.connector.listDocuments(meeting);
        const choice = f.connector.pickProtocol(listed.documents);
        if (want.protocol === undefined) {
          expect(choice.protocol, `${meeting.date} has no protocol`).toBeNull();
          if (want.note) expect(listed.note, meeting.date).toBe(want.note);
          continue;
        }
        expect(choice.protocol, `${meeting.date} has a protocol`).not.toBeNull();
        expect(choice.related, `${meeting.date} related`).toHaveLength(want.protocol.related);
        const fetched = await f.connector.fetchDocument(choice.protocol!);
        expect(fetched.mediaType).toBe('application/pdf');
        expect(sha(fetched.bytes), `${meeting.date}: the protocol's bytes`).toBe(sha(want.protocol.bytes));
      }
    });

    it('gives documents ids that stay the same from one listing to the next', async () => {
      const meeting = meetings.find((m) => f.expected[m.date]?.protocol)!;
      const first = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol;
      const second = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol;
      expect(second?.id).toBe(first?.id);
      expect(second?.version).toBe(first?.version);
    });

    it('refuses an HTML page served where a document was expected (a soft 404)', async () => {
      await expect(f.connector.fetchDocument({ id: 'x', name: 'Protokoll', url: f.htmlUrl })).rejects.toBeInstanceOf(
        SoftNotFoundError,
      );
    });

    it('names Paragraf and the contact on every request, never sends HEAD, and keeps the pace per host', () => {
      expect(f.server.requests.length).toBeGreaterThan(3);
      for (const r of f.server.requests) {
        expect(r.headers['user-agent']).toMatch(/^Paragraf\/\S+ \(.*contact: /u);
        expect(r.headers['user-agent']).toContain(TEST_CONTACT);
        expect(r.method).not.toBe('HEAD');
      }
      const starts = f.harness.startsAt(f.server.host);
      expect(starts.length).toBe(f.server.requests.length);
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]! - starts[i - 1]!, `gap before request ${i}`).toBeGreaterThanOrEqual(f.intervalMs);
    });
  });

  describe.each([
    ['every crawler', 'User-agent: *\nDisallow: /\n'],
    ['Paragraf by name', 'User-agent: Googlebot\nAllow: /\n\nUser-agent: Paragraf\nDisallow: /\n'],
  ])(`portal connector contract: ${system} obeys a robots.txt that disallows %s`, (_name, robots) => {
    let f: PortalFixture;
    beforeAll(async () => {
      f = await setup({ robots });
    });
    afterAll(() => f.stop());

    it('fetches nothing but robots.txt', async () => {
      const listing = (async () => {
        const bodies = await f.connector.listBodies();
        await f.connector.listMeetings(bodies[0]!, f.range);
      })();
      await expect(listing).rejects.toBeInstanceOf(RobotsDisallowedError);
      expect(f.server.requests.map((r) => r.pathname)).toEqual(['/robots.txt']);
    });
  });
}
