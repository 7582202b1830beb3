import pg from 'pg'

/** A pool or one of its clients (inside a transaction): what a repository queries through. */
export type Queryable = Pick<pg.Pool, 'query'>

// bigint columns (sizes, offsets, sequence numbers) as numbers: all of them stay far below 2^53.
const INT8_OID = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** A pooled connection to the upstream's PostgreSQL database. */
export interface PgDatabase {
  readonly pool: pg.Pool
  /** What it was opened on: another process opens the same database with it. */
  readonly url: string
  /** Runs `work` in one transaction on one connection: committed if it resolves, else rolled back. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Opens a pool on `url` (`postgresql://user@host:port/db`, a unix socket folder as `?host=/dir`).
 * An idle connection that breaks (the server restarted) is dropped from the pool, not thrown at
 * whoever happens to be listening: the next query opens a fresh one.
 */
export function openPostgres(url: string, options: { max?: number } = {}): PgDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types })
  pool.on('error', () => undefined)
  return {
    pool,
    url,
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work(client)
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
