import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';

/**
 * Flag parsing shared by the commands: node:util `parseArgs` in strict mode, with its errors turned into one-line
 * usage errors.
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: withNegativeValues(args, options), allowPositionals: true, strict: true, options });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs explains at length how to pass a positional starting with "-"; the first sentence is the point.
    const first = (message.split(/\.\s/u)[0] ?? message).replace(/\.$/u, '');
    throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1), command);
  }
}

/**
 * "--meetings -5": a value that starts with "-" is taken by parseArgs for an option ("argument is ambiguous"). A
 * negative number after a flag that takes a value is that flag's value, so the command's own check can say what
 * range it accepts. Written as --meetings=-5 for parseArgs.
 */
function withNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...out, ...args.slice(i)];
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/u.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** A YYYY-MM-DD flag value that is a real calendar date, or a usage error naming the flag. */
export function isoDateOption(command: string, flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (!m || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new UsageError(`--${flag} must be a date as YYYY-MM-DD, got '${value}'`, command);
  }
  return value;
}

/** A byte count: "5000000", "512K", "50M", "1G" (binary units). */
export function byteSizeOption(command: string, flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)([KMG]?)(?:i?B)?$/iu.exec(value.trim());
  if (!m) throw new UsageError(`--${flag} must be a size such as 5000000, 512K or 50M, got '${value}'`, command);
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m[2] ?? '').toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}
