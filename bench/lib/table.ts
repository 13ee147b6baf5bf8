import type { ResultsFile } from './results.ts';
import { round } from './stats.ts';

/** The results as a Markdown table (printed by `npm run bench`, pasted into the README's Performance section). */
export function resultsTable(results: ResultsFile): string {
  const header = ['suite', 'measure', 'Paragraf', 'baseline', 'goal', 'met'];
  const lines = results.results.map((r) => [
    r.suite,
    r.label,
    `${format(r.value)} ${r.unit}`,
    r.baseline ? `${format(r.baseline.value)} ${r.unit} (${r.baseline.tool})` : '',
    r.goal ? `${r.goal.op === '<=' ? '≤' : '≥'} ${format(r.goal.target)} ${r.unit}` : '',
    r.met === undefined ? '' : r.met ? 'yes' : '**no**',
  ]);
  for (const [name, s] of Object.entries(results.suites)) {
    if (s.status !== 'ok') lines.push([name, `${s.status}: ${s.reason ?? ''}`, '', '', '', '']);
  }
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Thousands separated by a space (20 000), three significant digits below that. */
export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = round(value);
  if (Math.abs(rounded) < 10_000) return String(rounded);
  return Math.round(rounded)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/gu, ' ');
}

export function machineLine(results: ResultsFile): string {
  const m = results.machine;
  const load = m.load.end === undefined ? `${m.load.start}` : `${m.load.start} → ${m.load.end}`;
  const runs = new Set(Object.values(results.suites).map((s) => s.ranAt)).size;
  const mixed = runs > 1 ? `; suites from ${runs} runs (each suite's commit and load in bench-results.json)` : '';
  return `${results.date.slice(0, 10)}, ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.os}, commit ${m.commit}, load average ${load}${results.quick ? ', QUICK run (indicative only)' : ''}${mixed}`;
}
