/** Stored JSON is indented and ends with a newline: the local store is meant to be read by people too. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
