/**
 * The fields of `values` named in `keys` that are set: a filter built from optional query parameters, where the
 * filter types (exactOptionalPropertyTypes) forbid an explicit undefined.
 */
export function definedFields<T extends object, K extends keyof T>(
  values: T,
  keys: readonly K[],
): { [P in K]?: Exclude<T[P], undefined> } {
  const out: { [P in K]?: T[P] } = {};
  for (const key of keys) if (values[key] !== undefined) out[key] = values[key];
  return out as { [P in K]?: Exclude<T[P], undefined> };
}
