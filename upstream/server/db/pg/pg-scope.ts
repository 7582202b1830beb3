import type { Queryable } from './pg-database'

/**
 * Where a PostgreSQL repository runs its statements: on the pool (each statement its own
 * transaction) or on one client inside the caller's transaction. `atomically` groups statements
 * that must commit together (an advisory lock and the insert it guards): a transaction of their
 * own on the pool, or simply the caller's transaction when already inside one.
 */
export interface PgScope extends Queryable {
  atomically<T>(work: (q: Queryable) => Promise<T>): Promise<T>
}

/** Statements on the pool; `atomically` opens a transaction on one connection. */
export function poolScope(db: {
  pool: Queryable
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>
}): PgScope {
  return {
    query: db.pool.query.bind(db.pool) as Queryable['query'],
    atomically: (work) => db.transaction(work),
  }
}

/** Statements on a client that is already inside a transaction. */
export function transactionScope(client: Queryable): PgScope {
  return {
    query: client.query.bind(client) as Queryable['query'],
    atomically: (work) => work(client),
  }
}
