/**
 * Memory stays flat: the publisher exports hundreds of thousands of § through these renderers, so they must stream.
 * Retained heap is sampled after a forced GC while 200,000 generated § rows flow through the renderer; holding the
 * rows would retain hundreds of MB, streaming retains about one output chunk (CSV) or one row group (Parquet).
 * Throughput is printed for the report, not asserted (no timing assertions).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../functions/core/render/formats/index.ts';
import { parquetFormat } from '../../functions/core/render/formats/parquet.ts';
import type { Format } from '../../functions/core/render/formats/format.ts';
import { paragraphsTable, tableRows } from '../../functions/core/render/tables/index.ts';
import type { RenderableMeeting } from '../../functions/core/render/table.ts';
import { buildMeeting, buildParagraph } from '../support/protocol-builder.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MEETINGS = 10_000;
const PER_MEETING = 20;
const DECISION =
  'Kommunfullmäktige beslutar att godkänna förslaget; "med ändring" enligt yrkandet, och att uppdra åt förvaltningen. '.repeat(
    5,
  );

let peak = 0;
let baseline = 0;

/** Samples retained heap while the renderer pulls rows, i.e. with whatever the renderer is holding at that moment. */
function sample(): void {
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
}

function* records(): Iterable<RenderableMeeting> {
  for (let m = 0; m < MEETINGS; m++) {
    if (m % 1000 === 999) sample();
    const meeting = buildMeeting({ id: `testby-kf-${m}`, date: '2024-02-05' });
    const paragraphs = Array.from({ length: PER_MEETING }, (_, i) =>
      buildParagraph({
        meetingId: meeting.id,
        number: String(i + 1),
        title: `Ärende ${m}/${i}`,
        decision: `${DECISION}${m}-${i}`,
        recipients: ['Ekonomi', 'Revision'],
      }),
    );
    yield { meeting, paragraphs };
  }
}

async function measure(format: Format) {
  gc();
  baseline = process.memoryUsage().heapUsed;
  peak = 0;
  let bytes = 0;
  const started = performance.now();
  for await (const chunk of format.render(
    paragraphsTable,
    tableRows(paragraphsTable, records(), { baseUrl: 'https://p.se' }),
  )) {
    bytes += chunk.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = MEETINGS * PER_MEETING;
  console.log(
    `${format.id}: ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (incl. generating the records and 10 forced GCs); retained heap peak ${(peak / 1e6).toFixed(1)} MB`,
  );
  return { bytes, peak };
}

describe('streaming memory', () => {
  it('CSV: 200,000 § stream through with flat retained heap', async () => {
    const { bytes, peak } = await measure(FORMATS.csv);
    expect(bytes).toBeGreaterThan(MEETINGS * PER_MEETING * DECISION.length); // the output really is that large
    expect(peak).toBeLessThan(40e6); // vs. ~300 MB+ if the rows or the output were held
  }, 300_000);

  it('Parquet: 200,000 § retain at most about one row group', async () => {
    const { bytes, peak } = await measure(parquetFormat({ rowGroupSize: 20_000 }));
    expect(bytes).toBeGreaterThan(0);
    expect(peak).toBeLessThan(150e6);
  }, 300_000);
});
