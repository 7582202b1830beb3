import { parseArgs, type ParseArgsConfig } from 'node:util'
import { FLAG_NAMES } from '../core'
import { CliError } from './output'
import { EXIT } from './exit-codes'

type Options = NonNullable<ParseArgsConfig['options']>

const configOptions: Options = {
  ...Object.fromEntries(
    Object.values(FLAG_NAMES).map((name) => [name, { type: 'string' as const }]),
  ),
  data: { type: 'string' },
  // Where the station keys' passphrase is read from (electron/core/keys); never the passphrase.
  'passphrase-file': { type: 'string' },
}

/**
 * Parses a subcommand's argv strictly: the kiosk's configuration flags plus the command's own.
 * A typo is an error, not a silently ignored flag.
 */
export function parseCommandArgs<O extends Options>(argv: readonly string[], own: O) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...configOptions, ...own },
      strict: true,
      allowPositionals: true,
    })
  } catch (error) {
    throw new CliError('cli.errors.invalidArguments', {}, EXIT.USAGE, (error as Error).message)
  }
}
