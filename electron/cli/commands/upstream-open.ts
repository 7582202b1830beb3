import {
  openUpstream,
  UpstreamKeysError,
  type Upstream,
  type UpstreamOptions,
} from '../../../upstream/server'
import { CliError } from '../output'
import { EXIT } from '../exit-codes'
import { preparedUpstreamDirs } from './upstream-data-dir'

/** The CLI's error for keys that cannot be used: which problem, which folder, what to do. */
export function upstreamKeysCliError(error: UpstreamKeysError): CliError {
  return new CliError(
    `cli.errors.upstreamKeys.${error.problem}`,
    { dir: error.keysDir },
    EXIT.FAILED,
    error.message,
  )
}

/** Runs `open`, turning a keys problem into the CLI's error for it. */
async function withUpstreamKeys<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open()
  } catch (error) {
    if (error instanceof UpstreamKeysError) throw upstreamKeysCliError(error)
    throw error
  }
}

/** Opens the upstream of the command's --data and --keys (and their environment variables). */
export function openUpstreamFor(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  options: Omit<UpstreamOptions, 'dataDir' | 'keysDir'> = {},
): Promise<Upstream> {
  const dirs = preparedUpstreamDirs(values, env)
  return withUpstreamKeys(() => openUpstream({ ...options, ...dirs }))
}
