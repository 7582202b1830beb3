import { ConfigError, configFlagsFromArgv, loadConfig, type LoadedConfig } from '../../core'
import { CliError } from '../output'

/** Loads the kiosk configuration from this command's flags and the environment. */
export function loadCliConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LoadedConfig {
  try {
    return loadConfig({ flags: configFlagsFromArgv(argv), env })
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new CliError('Cấu hình không hợp lệ', 'Invalid configuration', error.message, 1)
    }
    throw error
  }
}
