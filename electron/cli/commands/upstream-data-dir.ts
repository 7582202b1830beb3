import { join } from 'node:path'
import { defaultDataDir } from '../../core/config'
import { prepareDataDir } from './load-config'

/** The upstream's data directory: --data (or --data-dir), the environment, or the default. */
export function upstreamDataDir(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  const flag = values.data ?? values['data-dir']
  if (typeof flag === 'string' && flag) return flag
  return env.KIOSK_UPSTREAM_DATA_DIR || join(defaultDataDir(process.platform, env), 'upstream')
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
