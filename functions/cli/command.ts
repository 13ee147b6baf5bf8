/**
 * What a `paragraf` subcommand is. Commands write through `CliIo` instead of `process` so tests can run them
 * in-process, and report failures by throwing the errors below; `main` turns those into one stderr line and an exit
 * code, so no command prints a stack trace.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  name: string;
  /** One line for the command list in `paragraf --help`. */
  summary: string;
  /** The full `paragraf NAME --help` text (usage line first). */
  help: string;
  /** Returns the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A command as the command table lists it: its name, and its module loaded on demand. */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

/** Exit codes (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** The input cannot be read as a protocol: missing file, bad bytes, no §. */
  unreadable: 1,
  /** Wrong flags or arguments. */
  usage: 2,
  /** A bug: an error nobody anticipated (sysexits EX_SOFTWARE). */
  internal: 70,
} as const;

/** Wrong flags or arguments: printed with a pointer to the command's --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A named input cannot be used (not found, not a file, unreadable): printed as `paragraf: FILE: reason`, exit 1. */
export class InputFileError extends Error {
  override name = 'InputFileError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
