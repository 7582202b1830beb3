import { join } from 'node:path'
import { defaultDataDir } from '../../core/config'
import { prepareDataDir } from './load-config'

/** The `--keys DIR` option of the upstream commands that open its key pairs. */
export const UPSTREAM_KEYS_OPTION = { keys: { type: 'string' } } as const

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
): { dataDir: string; keysDir?: string } {
  const dataDir = preparedUpstreamDataDir(values, env)
  const keysDir = upstreamKeysDir(values, env)
  return keysDir ? { dataDir, keysDir } : { dataDir }
}
