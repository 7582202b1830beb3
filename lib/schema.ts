import { z } from 'zod'

/**
 * The one way the project runs a zod schema over data (ESLint forbids calling `.parse` and
 * `.safeParse` on schemas anywhere else). zod's own `safeParse` can throw instead of failing: in
 * zod 4.6 a string's min/max check given an object whose `length` will not turn into a primitive
 * raises a TypeError while writing the issue. Here any exception becomes a failed result, so the
 * refusal each caller gives for invalid input also covers input that breaks zod itself.
 */
export function safeParse<T extends z.ZodType>(
  schema: T,
  input: unknown,
): z.ZodSafeParseResult<z.output<T>> {
  try {
    return schema.safeParse(input)
  } catch (error) {
    return { success: false, error: schemaFailure<z.output<T>>(error) }
  }
}

/** For data we wrote ourselves (database rows, our own files): the only exception is a ZodError. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = safeParse(schema, input)
  if (!result.success) throw result.error
  return result.data
}

function schemaFailure<T>(error: unknown): z.ZodError<T> {
  let detail = 'a value that is not an Error was thrown'
  try {
    if (error instanceof Error) detail = `${error.name}: ${error.message}`
  } catch {
    // A thrown object whose name or message cannot be read: keep the generic detail.
  }
  const issue = {
    code: 'custom' as const,
    path: [],
    message: `the schema could not check this value (${detail})`,
  }
  // ZodError's type parameter only types format(); the constructor does not take it.
  return new z.ZodError([issue]) as z.ZodError<T>
}
