import {
  isDatabaseUnavailable,
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

/** The CLI's error for a --db it cannot connect to, the address shown without its password. */
export function databaseUnreachableCliError(database: string, error: unknown): CliError {
  const address = database.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@')
  return new CliError(
    'cli.errors.databaseUnreachable',
    { address },
    EXIT.FAILED,
    error instanceof Error ? error.message : String(error),
  )
}

/** Runs `open`, turning a keys problem or an unreachable database into the CLI's error for it. */
export async function withUpstreamOpenErrors<T>(
  database: string | undefined,
  open: () => Promise<T>,
): Promise<T> {
  try {
    return await open()
  } catch (error) {
    if (error instanceof UpstreamKeysError) throw upstreamKeysCliError(error)
    if (database !== undefined && isDatabaseUnavailable(error))
      throw databaseUnreachableCliError(database, error)
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
  return withUpstreamOpenErrors(dirs.database, () => openUpstream({ ...options, ...dirs }))
}
