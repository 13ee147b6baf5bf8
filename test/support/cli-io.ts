import type { CliIo } from '../../functions/cli/command.ts';

/** What a command prints, captured: `main(args, captureIo())` runs the CLI in-process. */
export function captureIo(
  env: Readonly<Record<string, string | undefined>> = {},
): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
