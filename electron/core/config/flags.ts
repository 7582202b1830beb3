import { parseArgs } from 'node:util'
import { ConfigError, FLAG_NAMES, type ConfigFlags, type ConfigKey } from './config'

/**
 * Picks the configuration flags out of an argv that may hold other things (Chromium switches in
 * Electron, subcommand options in the CLI). `--data` is accepted as a short form of `--data-dir`.
 * A configuration flag without a value is a ConfigError.
 */
export function configFlagsFromArgv(argv: readonly string[]): ConfigFlags {
  const options = Object.fromEntries(
    Object.values(FLAG_NAMES).map((name) => [name, { type: 'string' as const }]),
  )
  const { values } = parseArgs({
    args: [...argv],
    options: { ...options, data: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  })
  const flags: ConfigFlags = {}
  for (const [key, name] of Object.entries(FLAG_NAMES) as [ConfigKey, string][]) {
    const value = values[name] ?? (key === 'dataDir' ? values.data : undefined)
    // Non-strict parsing turns `--devices` with nothing after it into `true`: an error, not a skip.
    if (value === true)
      throw new ConfigError(
        key,
        'flag',
        `--${key === 'dataDir' && values[name] === undefined ? 'data' : name} needs a value`,
      )
    if (typeof value === 'string') flags[key] = value
  }
  return flags
}
