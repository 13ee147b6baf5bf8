/**
 * Request parameters, declared once: each declaration both parses the raw string (with a one-line reason when it is
 * invalid) and yields the JSON Schema that goes into the OpenAPI document. Routes get typed values; the docs can never
 * describe a parameter differently from how it is checked.
 */
export type JsonSchema = { [key: string]: unknown };

export interface Param<T> {
  schema: JsonSchema;
  description: string;
  required: boolean;
  /** The parsed value, or a string saying what is wrong. */
  parse(raw: string): { value: T } | { error: string };
  example?: string | number;
}

type Options = { description: string; required?: boolean; example?: string | number };

export function stringParam(
  o: Options & { pattern?: RegExp; maxLength?: number; enum?: readonly string[] },
): Param<string> {
  const max = o.maxLength ?? 200;
  return {
    schema: {
      type: 'string',
      maxLength: max,
      ...(o.pattern ? { pattern: o.pattern.source } : {}),
      ...(o.enum ? { enum: [...o.enum] } : {}),
    },
    description: o.description,
    required: o.required ?? false,
    ...(o.example !== undefined ? { example: o.example } : {}),
    parse(raw) {
      if (raw.length > max) return { error: `must be at most ${max} characters` };
      if (o.enum && !o.enum.includes(raw)) return { error: `must be one of ${o.enum.join(', ')}` };
      if (o.pattern && !o.pattern.test(raw)) return { error: `must match ${o.pattern.source}` };
      return { value: raw };
    },
  };
}

export function enumParam<const E extends string>(values: readonly E[], o: Options): Param<E> {
  const base = stringParam({ ...o, enum: values, maxLength: 40 });
  return { ...base, parse: (raw) => base.parse(raw) as { value: E } | { error: string } };
}

export function intParam(o: Options & { minimum: number; maximum: number; default?: number }): Param<number> {
  return {
    schema: {
      type: 'integer',
      minimum: o.minimum,
      maximum: o.maximum,
      ...(o.default !== undefined ? { default: o.default } : {}),
    },
    description: o.description,
    required: o.required ?? false,
    ...(o.example !== undefined ? { example: o.example } : {}),
    parse(raw) {
      if (!/^-?\d{1,10}$/u.test(raw)) return { error: 'must be an integer' };
      const n = Number(raw);
      if (n < o.minimum || n > o.maximum) return { error: `must be between ${o.minimum} and ${o.maximum}` };
      return { value: n };
    },
  };
}

export function boolParam(o: Options): Param<boolean> {
  return {
    schema: { type: 'boolean' },
    description: o.description,
    required: o.required ?? false,
    ...(o.example !== undefined ? { example: o.example } : {}),
    parse(raw) {
      if (raw === 'true' || raw === '1') return { value: true };
      if (raw === 'false' || raw === '0') return { value: false };
      return { error: 'must be true or false' };
    },
  };
}

/** A calendar date YYYY-MM-DD that exists (2024-02-30 is refused). */
export function dateParam(o: Options): Param<string> {
  return {
    schema: { type: 'string', format: 'date' },
    description: o.description,
    required: o.required ?? false,
    ...(o.example !== undefined ? { example: o.example } : {}),
    parse(raw) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(raw);
      if (!m) return { error: 'must be a date YYYY-MM-DD' };
      const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (t.toISOString().slice(0, 10) !== raw) return { error: 'is not a calendar date' };
      return { value: raw };
    },
  };
}

export type ParamMap = Record<string, Param<unknown>>;
export type ParamValues<P extends ParamMap> = { [K in keyof P]?: P[K] extends Param<infer T> ? T : never };

/**
 * Parses raw values against declarations: every problem is collected (so one 400 names them all), unknown names are
 * problems too (a misspelt filter must not silently return everything), and a repeated parameter is refused.
 */
export function parseParams<P extends ParamMap>(
  params: P,
  raw: Record<string, string[]>,
  where: 'query' | 'path',
  ignore: readonly string[] = [],
): { values: ParamValues<P>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, list] of Object.entries(raw)) {
    if (ignore.includes(name)) continue;
    const param = Object.hasOwn(params, name) ? params[name] : undefined;
    if (!param) {
      problems.push(
        `${shown(name)}: unknown ${where} parameter (allowed: ${Object.keys(params).join(', ') || 'none'})`,
      );
      continue;
    }
    if (list.length > 1) {
      problems.push(`${name}: given ${list.length} times; give it once`);
      continue;
    }
    const result = param.parse(list[0] ?? '');
    if ('error' in result) problems.push(`${name}: ${result.error}`);
    else values[name] = result.value;
  }
  for (const [name, param] of Object.entries(params)) {
    if (param.required && !(name in values) && !problems.some((p) => p.startsWith(`${name}:`)))
      problems.push(`${name}: is required`);
  }
  return { values: values as ParamValues<P>, problems };
}

/** A name from the request, shortened and made printable before it is echoed in an error. */
function shown(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N}_.-]/gu, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
