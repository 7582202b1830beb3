import pg from 'pg'
import startPostgresServices, { POSTGRES_ENV } from '../setup/postgres-services'

/** A PostgreSQL cluster of a benchmark's own, with fsync on (the tests' cluster runs without). */
export interface BenchPostgres {
  /** Creates database `name` on the cluster and answers its URL. */
  database(name: string): Promise<string>
  stop(): Promise<void>
}

/** Starts the cluster; null (said through `print`) when PostgreSQL is not installed. */
export async function startBenchPostgres(
  print: (line: string) => void,
): Promise<BenchPostgres | null> {
  const stop = await startPostgresServices()
  const url = process.env[POSTGRES_ENV.url]
  if (!url) {
    await stop()
    print('PostgreSQL: not installed (Debian package "postgresql"), not measured')
    return null
  }
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query('ALTER SYSTEM SET fsync = on')
    await admin.query('SELECT pg_reload_conf()')
  } catch (error) {
    await admin.end()
    await stop()
    throw error
  }
  return {
    async database(name) {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
      const target = new URL(url)
      target.pathname = `/${name}`
      return target.toString()
    },
    async stop() {
      await admin.end()
      await stop()
    },
  }
}
