/**
 * Structured logs for Lambda: one JSON object per line on stdout, which CloudWatch Logs Insights can query by field.
 * Callers pass identifiers and outcomes only (key, sha256, meeting id, reason code) — never § text, which may hold
 * personal data that the privacy gate has not yet cleared.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Where lines go (default: stdout). */
  write?: (line: string) => void;
  /** Time source (default: the system clock). */
  now?: () => Date;
  /** Drop messages below this level (default: 'info'). */
  minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createJsonLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const min = ORDER[options.minLevel ?? 'info'];
  const log = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (ORDER[level] < min) return;
    const entry: Record<string, unknown> = { level, time: now().toISOString(), msg };
    for (const [k, v] of Object.entries({ ...base, ...fields })) if (v !== undefined) entry[k] = v;
    write(JSON.stringify(entry));
  };
  return {
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
    child: (fields) => createJsonLogger(options, { ...base, ...fields }),
  };
}

/** Name and message of an error, one line, for a log field. */
export function errorSummary(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/gu, ' ').slice(0, 300);
}
