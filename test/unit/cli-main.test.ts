import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';

// A bug deep inside parse: what the user sees must still be one line, not a stack trace.
vi.mock('../../functions/cli/parse-file.ts', () => ({
  parseFile: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'text')");
  },
}));

describe('main: unexpected errors', () => {
  it('prints one line with a hint and exits 70', async () => {
    const io = captureIo();
    expect(await main(['parse', 'x.pdf'], io)).toBe(70);
    expect(io.out).toBe('');
    expect(io.err).toBe(
      "paragraf: internal error: Cannot read properties of undefined (reading 'text') (set PARAGRAF_DEBUG=1 to see the stack trace)\n",
    );
  });

  it('prints the stack trace when PARAGRAF_DEBUG is set', async () => {
    const io = captureIo({ PARAGRAF_DEBUG: '1' });
    expect(await main(['parse', 'x.pdf'], io)).toBe(70);
    expect(io.err).toMatch(/^paragraf: internal error: TypeError: Cannot read properties/u);
    expect(io.err).toMatch(/\n\s+at /u);
  });
});

describe('main: dispatch', () => {
  it('reads a negative number after a flag as its value and says which values are allowed', async () => {
    const io = captureIo();
    expect(await main(['generate', '--meetings', '-5', '--data', '/nonexistent-paragraf-data'], io)).toBe(2);
    expect(io.err).toMatch(/--meetings/u);
    expect(io.err).not.toMatch(/ambiguous/u);
  });

  it('prints its version (the package version) for --version, -V and version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V', 'version']) {
      const io = captureIo();
      expect(await main([flag], io)).toBe(0);
      expect(io.out).toBe(`paragraf ${version}\n`);
    }
  });

  it('answers --help for a command without running it', async () => {
    const io = captureIo();
    expect(await main(['parse', 'x.pdf', '--help'], io)).toBe(0);
    expect(io.out.split('\n')[0]).toBe('Usage: paragraf parse FILE [options]');
  });

  it('passes arguments after -- through, so a file may be named --help', async () => {
    const io = captureIo();
    expect(await main(['parse', '--', '--help'], io)).toBe(70); // reached parseFile (mocked to fail above)
  });

  it('explains an unknown help topic as a usage error', async () => {
    const io = captureIo();
    expect(await main(['help', 'frobnicate'], io)).toBe(2);
    expect(io.err).toMatch(
      /^paragraf: unknown command 'frobnicate' \(commands: [a-z, ]*\bparse\b[a-z, ]*\) \(see 'paragraf --help'\)\n$/u,
    );
  });
});
