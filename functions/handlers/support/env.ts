import type { LogLevel } from './json-logger.ts';

/**
 * Reading a Lambda function's environment, the same way for every handler: once per cold start, with a named error
 * (IngestConfigError, PublishConfigError, ApiConfigError, HarvestConfigError) that says which variable is missing or malformed, so a
 * misconfigured stack fails at its first invocation with a line that names the fix.
 */
export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface EnvReader {
  /** The trimmed value; throws when unset or blank. */
  required(name: string): string;
  /** The trimmed value, or undefined when unset or blank. */
  optional(name: string): string | undefined;
  /** A whole number > 0, or undefined when unset. */
  positiveInteger(name: string): number | undefined;
  /** A whole number ≥ 0, or undefined when unset. */
  wholeNumber(name: string): number | undefined;
  /** Comma-separated items, trimmed, blanks dropped; undefined when unset. */
  list(name: string): string[] | undefined;
  /** LOG_LEVEL: debug, info, warn or error; undefined when unset. */
  logLevel(): LogLevel | undefined;
}

export function envReader(env: Env, fail: (message: string) => Error): EnvReader {
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  return {
    optional,
    required(name) {
      const value = optional(name);
      if (value === undefined) throw fail(`environment variable ${name} is required`);
      return value;
    },
    positiveInteger(name) {
      const value = optional(name);
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n <= 0)
        throw fail(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
      return n;
    },
    wholeNumber(name) {
      const value = optional(name);
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0)
        throw fail(`${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
      return n;
    },
    list(name) {
      const value = optional(name);
      return value === undefined
        ? undefined
        : value
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== '');
    },
    logLevel() {
      const value = optional('LOG_LEVEL');
      if (value === undefined) return undefined;
      if (!LOG_LEVELS.includes(value as LogLevel))
        throw fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
      return value as LogLevel;
    },
  };
}
