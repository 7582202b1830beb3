import { createCore, createStderrLogger } from '../../core'
import { startTrainingUpstreamFor } from '../../../upstream/training'
import { startHost } from '../../host'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { RENDERER_BUILD_DIR, rendererIsBuilt } from '../paths'
import { DEFAULT_TRUST_DIR } from './card/trust'
import { cliKeyProtection } from './key-passphrase'
import { loadCliConfig, prepareDataDir } from './load-config'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

/** `kiosk host [--port N]`: the core under plain Node, the renderer served on 127.0.0.1. */
export async function hostCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, { port: { type: 'string' } })
  const port = Number(values.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError('cli.errors.invalidPort', {}, EXIT.USAGE, String(values.port))
  }
  if (!rendererIsBuilt()) {
    throw new CliError('cli.errors.theRendererIsNotBuilt', {}, EXIT.FAILED, RENDERER_BUILD_DIR)
  }
  const { config } = loadCliConfig(argv, env)
  prepareDataDir(config.dataDir)
  // No upstream configured: run the training upstream in-process, on loopback.
  const training =
    config.upstreamUrl === null ? await startTrainingUpstreamFor(config.dataDir) : null
  let core
  try {
    core = await createCore(config, {
      shell: 'host',
      keyProtection: cliKeyProtection(argv, env),
      log: createStderrLogger(),
      backgroundSync: true,
      card: { trustDir: DEFAULT_TRUST_DIR },
      ...(training ? { upstream: training.target } : {}),
    })
  } catch (error) {
    await training?.close()
    throw error
  }
  let host
  try {
    host = await startHost({ core, rendererDir: RENDERER_BUILD_DIR, port })
  } catch (error) {
    await core.close()
    await training?.close()
    throw new CliError('cli.errors.couldNotListen', {}, EXIT.FAILED, (error as Error).message)
  }
  io.out(
    bilingualMessage('cli.text.hostStarted', { devices: config.devices, dataDir: config.dataDir }),
  )
  // No officer yet: the code for the setup screen, shown only here (before the URL), on the station's console.
  if (core.officers.setupRequired()) {
    const { code, expiresAt } = core.officers.issueSetupCode()
    io.out(bilingualMessage('cli.text.setupCode', { code, expires: expiresAt }))
  }
  io.out(`URL: ${host.url}`)
  if (training)
    io.out(
      `${bilingualMessage('cli.text.trainingUpstream')}: ${training.target.url} (${training.reviewUrl})`,
    )
  await stopSignal
  await host.close()
  await core.close()
  await training?.close()
  return 0
}
