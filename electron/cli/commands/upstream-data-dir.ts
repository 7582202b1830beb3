import { join } from 'node:path'
import { defaultDataDir } from '../../core/config'
import { isPostgresUrl } from '../../../upstream/server'
import { EXIT } from '../exit-codes'
import { CliError } from '../output'
import { prepareDataDir } from './load-config'

/**
 * The options of the upstream commands that open it: `--keys DIR` (its private keys), `--db URL`
 * (PostgreSQL; SQLite in the data directory without it), `--bodies DIR` (file bodies in a
 * directory instead of the database).
 */
export const UPSTREAM_KEYS_OPTION = {
  keys: { type: 'string' },
  db: { type: 'string' },
  bodies: { type: 'string' },
} as const

/** The upstream's data directory: --data (or --data-dir), the environment, or the default. */
export function upstreamDataDir(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  const flag = values.data ?? values['data-dir']
  if (typeof flag === 'string' && flag) return flag
  return env.KIOSK_UPSTREAM_DATA_DIR || join(defaultDataDir(process.platform, env), 'upstream')
}

/** The upstream's private keys folder: --keys, KIOSK_UPSTREAM_KEYS_DIR, else inside the data. */
export function upstreamKeysDir(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const flag = values.keys
  if (typeof flag === 'string' && flag) return flag
  return env.KIOSK_UPSTREAM_KEYS_DIR || undefined
}

/** Where the upstream's records and bodies live: --db / KIOSK_UPSTREAM_DB, --bodies / KIOSK_UPSTREAM_BODIES_DIR. */
export function upstreamStoreOptions(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { database?: string; bodiesDir?: string } {
  const pick = (flag: unknown, variable: string | undefined) =>
    typeof flag === 'string' && flag ? flag : variable || undefined
  const database = pick(values.db, env.KIOSK_UPSTREAM_DB)
  const bodiesDir = pick(values.bodies, env.KIOSK_UPSTREAM_BODIES_DIR)
  if (database !== undefined && !isPostgresUrl(database))
    throw new CliError('cli.errors.invalidDatabaseUrl', {}, EXIT.USAGE)
  return { ...(database ? { database } : {}), ...(bodiesDir ? { bodiesDir } : {}) }
}

/** The upstream's data directory, created if need be (a CliError when it cannot be). */
export function preparedUpstreamDataDir(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): string {
  const dir = upstreamDataDir(values, env)
  prepareDataDir(dir)
  return dir
}

/** The data directory (created) and the keys folder the upstream commands open. */
export function preparedUpstreamDirs(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { dataDir: string; keysDir?: string; database?: string; bodiesDir?: string } {
  const store = upstreamStoreOptions(values, env)
  const dataDir = preparedUpstreamDataDir(values, env)
  const keysDir = upstreamKeysDir(values, env)
  return { dataDir, ...(keysDir ? { keysDir } : {}), ...store }
}
