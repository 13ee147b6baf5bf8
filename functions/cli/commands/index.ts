import type { CommandEntry } from '../command.ts';

/**
 * Every `paragraf` subcommand, in the order `--help` lists them. A command's module is loaded only when it runs (or
 * when --help lists it), so `paragraf serve` loads the server and the API, not the PDF reader of ingest or the
 * Parquet writer of publish. Adding a command is one line here.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'parse', load: async () => (await import('./parse.ts')).parseCommand },
  { name: 'ingest', load: async () => (await import('./ingest.ts')).ingestCommand },
  { name: 'harvest', load: async () => (await import('./harvest.ts')).harvestCommand },
  { name: 'add', load: async () => (await import('./add.ts')).addCommand },
  { name: 'notice', load: async () => (await import('./notice.ts')).noticeCommand },
  { name: 'review', load: async () => (await import('./review.ts')).reviewCommand },
  { name: 'withdraw', load: async () => (await import('./withdraw.ts')).withdrawCommand },
  { name: 'publish', load: async () => (await import('./publish.ts')).publishCommand },
  { name: 'export', load: async () => (await import('./export.ts')).exportCommand },
  { name: 'generate', load: async () => (await import('./generate.ts')).generateCommand },
  { name: 'serve', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'start', load: async () => (await import('./start.ts')).startCommand },
];
