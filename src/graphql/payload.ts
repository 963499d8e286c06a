/** Shapes service results into mutation payloads: `{ <field>: value | null, userErrors }`. */
import type { Result, UserError } from '../domain/errors.js';

export function payload<K extends string, T, R = T>(
  result: Result<T>,
  field: K,
  map: (value: T) => R = (value) => value as unknown as R,
): { [P in NoInfer<K>]: R | null } & { userErrors: UserError[] } {
  const value = result.ok ? map(result.value) : null;
  return { [field]: value, userErrors: result.ok ? [] : result.errors } as { [P in K]: R | null } & {
    userErrors: UserError[];
  };
}
