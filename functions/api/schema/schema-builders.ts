import type { JsonSchema } from '../request/params.ts';

/** Short builders for the OpenAPI document's schemas (components.ts, record-schemas.ts). */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}
export const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  description,
  ...extra,
});
export const int = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });
export const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
export const date = (description: string): JsonSchema => ({ type: 'string', format: 'date', description });
export const uri = (description: string): JsonSchema => ({ type: 'string', format: 'uri', description });
