import type { SourceDefinition } from '../core/harvest/source-definition.ts';
import { oneLine } from '../core/text/whitespace.ts';
import type { HarvestProgress } from '../pipeline/harvest/harvest-source.ts';
import type { HarvestSummary } from '../pipeline/harvest/harvest-summary.ts';
import type { InboxResult } from '../pipeline/store-inbox.ts';

/** What `paragraf harvest` prints (docs/cli.md). One place, so the wording stays consistent. */

export function formatProgress(e: HarvestProgress): string {
  return `harvest: ${e.sourceId} ${e.body} ${e.date} ${e.status}${e.detail ? `: ${oneLine(e.detail, 300)}` : ''}\n`;
}

export function formatSourceSummary(source: SourceDefinition, s: HarvestSummary): string {
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const counts = s.dryRun
    ? `${plural(s.meetings, 'meeting')} seen, ${s.wouldFetch} protocol(s) to fetch, ${s.unchanged} unchanged, ${s.missing} missing`
    : `${plural(s.meetings, 'meeting')} seen, ${s.new} new, ${s.changed} changed, ${s.unchanged} unchanged, ` +
      `${plural(s.missing, 'protocol')} missing, ${plural(s.errors.length, 'error')}`;
  const lines = [
    `${source.id} (${source.system}, ${source.municipality}) ${s.since}…${s.until}${s.dryRun ? ' [dry run]' : ''}: ${counts}`,
  ];
  if (s.failed) lines.push('  FAILED: the portal could not be read; nothing was harvested');
  if (s.incomplete) lines.push('  stopped early; the next run continues where this one stopped');
  if (s.bodiesNotFound.length > 0) lines.push(`  bodies not on the portal: ${s.bodiesNotFound.join(', ')}`);
  const hosts = Object.entries(s.errorsByHost).sort((a, b) => b[1] - a[1]);
  if (hosts.length > 0) lines.push(`  errors by host: ${hosts.map(([h, n]) => `${h} ${n}`).join(', ')}`);
  for (const e of s.errors.slice(0, 5)) lines.push(`    ${e.kind}: ${oneLine(e.message, 300)}`);
  if (s.errors.length > 5) lines.push(`    … and ${s.errors.length - 5} more`);
  if (s.robotsOverride) lines.push(`  robots rules overridden: ${s.robotsOverride}`);
  return `${lines.join('\n')}\n`;
}

export function formatInboxResult(r: InboxResult): string {
  if (!('outcome' in r))
    return `${'failed'.padEnd(12)}${r.key}  ${oneLine(r.error instanceof Error ? `${r.error.name}: ${r.error.message}` : String(r.error), 300)}\n`;
  const o = r.outcome;
  const note = r.note ? ` (${r.note})` : '';
  if (o.status === 'quarantined') return `${o.status.padEnd(12)}${r.key}  ${o.reason}: ${o.message}${note}\n`;
  const held = o.heldCount > 0 ? `, ${o.heldCount} § held for review` : '';
  return `${o.status.padEnd(12)}${r.key}  → ${o.meetingId} v${o.version}${held}${note}\n`;
}

export function formatInboxSummary(results: readonly InboxResult[]): string {
  if (results.length === 0) return 'ingest: nothing new in the inbox\n';
  const counts = new Map<string, number>();
  for (const r of results) {
    const key = 'outcome' in r ? r.outcome.status : 'failed';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ['ingested', 'replaced', 'unchanged', 'quarantined', 'failed'];
  return `ingest: ${results.length} file(s): ${order
    .filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${k}`)
    .join(', ')}\n`;
}
