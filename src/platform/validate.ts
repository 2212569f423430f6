import type { z } from 'zod';
import { InputError } from './errors.js';

/** Parses input at a boundary other than HTTP (CLI, files); failures become an InputError with paths. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(
    `invalid ${what}`,
    result.error.issues.map((i) => ({ path: i.path.length > 0 ? i.path.join('.') : what, message: i.message, code: i.code })),
  );
}
