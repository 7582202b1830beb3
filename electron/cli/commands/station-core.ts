import { createCore, createStderrLogger, type Core } from '../../core'
import { startTrainingUpstreamFor, type RunningTrainingUpstream } from '../../../upstream/training'
import { cliKeyProtection } from './key-passphrase'
import { loadCliConfig, prepareDataDir } from './load-config'

export interface StationCore {
  core: Core
  /** Set when no upstream URL is configured and `withUpstream` asked for the training one. */
  training: RunningTrainingUpstream | null
  close(): Promise<void>
}

/**
 * The core for one outbox command. With `withUpstream` and no upstream URL configured, the
 * training upstream runs in this process for the command's lifetime (the station registers with it
 * automatically, as under `npm run host`).
 */
export async function openStationCore(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { withUpstream?: boolean; verbose?: boolean } = {},
): Promise<StationCore> {
  const { config } = loadCliConfig(argv, env)
  prepareDataDir(config.dataDir)
  const training =
    options.withUpstream && config.upstreamUrl === null
      ? await startTrainingUpstreamFor(config.dataDir)
      : null
  let core: Core
  try {
    core = await createCore(config, {
      shell: 'cli',
      keyProtection: cliKeyProtection(argv, env),
      ...(options.verbose ? { log: createStderrLogger() } : {}),
      ...(training ? { upstream: training.target } : {}),
    })
  } catch (error) {
    await training?.close()
    throw error
  }
  return {
    core,
    training,
    async close() {
      await core.close()
      await training?.close()
    },
  }
}
