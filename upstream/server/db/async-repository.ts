/**
 * A repository whose methods answer through promises: the shape the PostgreSQL backend has,
 * and the one both backends share once the callers await (SQLite through `asyncRepository`).
 */
export type AsyncRepository<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T
    ? (...args: A) => Promise<Awaited<T>>
    : never
}

/** A synchronous (SQLite) repository seen through the asynchronous shape. */
export function asyncRepository<R extends object>(repository: R): AsyncRepository<R> {
  const wrapped: Record<string, unknown> = {}
  for (const key of Object.keys(repository)) {
    const member = (repository as Record<string, unknown>)[key]
    if (typeof member === 'function')
      wrapped[key] = async (...args: unknown[]) => (member as (...a: unknown[]) => unknown)(...args)
  }
  return wrapped as AsyncRepository<R>
}
