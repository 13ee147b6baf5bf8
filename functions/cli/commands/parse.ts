import type { ParseHints } from '../../core/records/types.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { byteSizeOption, isoDateOption, parseOptions } from '../options.ts';

/** Repeated from local-ocr.ts so `--help` does not load the OCR engine. */
const OCR_HELP = '  --no-ocr                refuse scans (no-text-layer) instead of reading them with OCR';

const NAME = 'parse';
/** Same as the document extractor's default; repeated so `--help` does not have to load pdf.js. */
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const OPTIONS = {
  municipality: { type: 'string' },
  body: { type: 'string' },
  date: { type: 'string' },
  'notice-date': { type: 'string' },
  'max-bytes': { type: 'string' },
  pretty: { type: 'boolean' },
  'no-ocr': { type: 'boolean' },
} as const;

export const parseCommand: Command = {
  name: NAME,
  summary: 'Print the protocol in FILE (PDF or text) as JSON',
  help: `Usage: paragraf parse FILE [options]

Reads one protocol (PDF, or UTF-8 / Windows-1252 text with form feeds between pages), detects its type from the
content, and prints the protocol record (meeting, every §, warnings) as JSON on stdout.

Hints the parser uses when the protocol itself does not say (what the protocol says wins):
  --municipality NAME     e.g. "Alingsås" or "alingsas"
  --body NAME             e.g. "Kommunstyrelsen"
  --date YYYY-MM-DD       meeting date
  --notice-date YYYY-MM-DD  day the signed minutes were posted on the notice board (anslagstavla); used to compute
                          the last day to appeal when the protocol states none
A file name like alingsas-kommunstyrelsen-2024-02-05.pdf supplies municipality, body and date; a folder named after
a municipality (alingsas/kommunstyrelsen-2026-06-01.pdf) supplies the municipality.

Other options:
  --pretty                indent the JSON
  --max-bytes SIZE        refuse larger files (default 50M; e.g. 5000000, 512K, 50M)
${OCR_HELP}
  -h, --help              show this help

Exit status: 0 printed; 1 the file cannot be read as a protocol (one line on stderr says why); 2 usage error;
70 internal error (a bug: rerun with PARAGRAF_DEBUG=1 and report the stack trace).
`,
  run: runParse,
};

async function runParse(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'parse needs a FILE' : 'parse takes exactly one FILE', NAME);
  }
  const path = positionals[0] ?? '';
  const flagHints: ParseHints = {
    municipality: values.municipality,
    body: values.body,
    date: isoDateOption(NAME, 'date', values.date),
    noticeDate: isoDateOption(NAME, 'notice-date', values['notice-date']),
  };
  const maxBytes = byteSizeOption(NAME, 'max-bytes', values['max-bytes']) ?? DEFAULT_MAX_BYTES;
  // Loaded on demand: pdf.js is large, and `--help` or a usage error should not wait for it.
  const { parseFile } = await import('../parse-file.ts');
  const { withLocalOcr } = await import('../local-ocr.ts');
  const protocol = await withLocalOcr(!values['no-ocr'], (ocr) =>
    parseFile(path, dropUndefined(flagHints), maxBytes, ocr),
  );
  io.stdout(`${JSON.stringify(protocol, null, values.pretty ? 2 : undefined)}\n`);
  return EXIT.ok;
}

function dropUndefined(hints: ParseHints): ParseHints {
  return Object.fromEntries(Object.entries(hints).filter(([, v]) => v !== undefined)) as ParseHints;
}
