import { COMMANDS } from './commands/index.ts';
import { EXIT, InputFileError, UsageError, type CliIo, type Command } from './command.ts';
import { oneLine } from '../core/text/whitespace.ts';

/**
 * The `paragraf` command line: `paragraf <command> [options]`. Everything a command throws is caught here and turned
 * into one line on stderr and an exit code (docs/cli.md): users see what is wrong with their input, never a stack
 * trace (set PARAGRAF_DEBUG=1 to get it for unexpected errors).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.stderr(await overview());
      return EXIT.usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') return await help(rest[0], io);
    if (name === '--version' || name === '-V' || name === 'version') {
      io.stdout(`paragraf ${await packageVersion()}\n`);
      return EXIT.ok;
    }
    const command = await findCommand(name);
    if (wantsHelp(rest)) {
      io.stdout(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    return report(error, io, name);
  }
}

/** The version in package.json, read only when asked (the command table stays lazy). */
async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function help(topic: string | undefined, io: CliIo): Promise<number> {
  io.stdout(topic === undefined ? await overview() : (await findCommand(topic)).help);
  return EXIT.ok;
}

function findCommand(name: string): Promise<Command> {
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    throw new UsageError(`unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  }
  return entry.load();
}

/** --help anywhere before a `--` end-of-options marker. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.includes('--help') || options.includes('-h');
}

async function overview(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return [
    'paragraf: every § of Swedish council protocols as citable open-data records',
    '',
    'Usage: paragraf <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'paragraf <command> --help' for the options of a command.",
    '',
  ].join('\n');
}

function report(error: unknown, io: CliIo, command: string | undefined): number {
  if (error instanceof UsageError) {
    const where = error.command ?? (COMMANDS.some((c) => c.name === command) ? command : undefined);
    const hint = where === undefined ? "'paragraf --help'" : `'paragraf ${where} --help'`;
    io.stderr(`paragraf: ${oneLine(error.message)} (see ${hint})\n`);
    return EXIT.usage;
  }
  if (error instanceof InputFileError) {
    io.stderr(`paragraf: ${oneLine(error.file)}: ${oneLine(error.message)}\n`);
    return EXIT.unreadable;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (io.env.PARAGRAF_DEBUG) {
    io.stderr(`paragraf: internal error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  } else {
    io.stderr(`paragraf: internal error: ${oneLine(message)} (set PARAGRAF_DEBUG=1 to see the stack trace)\n`);
  }
  return EXIT.internal;
}

function processIo(): CliIo {
  // A closed pipe (`paragraf parse x.pdf | head`) is the reader's choice, not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`paragraf: cannot write output: ${oneLine(error.message)}\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? EXIT.ok) : EXIT.unreadable);
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
  };
}
