import {
  ConfigError,
  DataDirError,
  configFlagsFromArgv,
  ensureDataDir,
  loadConfig,
  type LoadedConfig,
} from '../../core/config'
import { EXIT } from '../exit-codes'
import { CliError } from '../output'

/** Loads the kiosk configuration from this command's flags and the environment. */
export function loadCliConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LoadedConfig {
  try {
    return loadConfig({ flags: configFlagsFromArgv(argv), env })
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new CliError('cli.errors.invalidConfiguration', {}, EXIT.USAGE, error.message)
    }
    throw error
  }
}

/** Creates the data directory before anything opens files in it; a CliError when it cannot. */
export function prepareDataDir(dir: string): void {
  try {
    ensureDataDir(dir)
  } catch (error) {
    if (error instanceof DataDirError) {
      throw new CliError('cli.errors.dataDir', { dir: error.dir }, EXIT.DATA_DIR, error.reason)
    }
    throw error
  }
}
