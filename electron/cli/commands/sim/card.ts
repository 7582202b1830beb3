import { join } from 'node:path'
import {
  syntheticCitizen,
  mrzKeyInformation,
  createSimulatedCccd,
  SCENARIOS,
  VPCD_PORT,
  attachToVpcd,
  CardError,
  SIM_CSCA_FILE,
} from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { CliError, type CliIo } from '../../output'
import { requireIdNumber } from '../card/access-key-flags'
import { loadCliConfig, prepareDataDir } from '../load-config'
import { scenarioFlag } from '../scenario-flag'
import { stationSimPki } from './sim-pki'
import { EXIT } from '../../exit-codes'
import { bilingualMessage } from '../../../../lib/messages'

/**
 * `kiosk sim card [--scenario NAME] [--id ID12 | --citizen SEED] [--port 35964] [--pki DIR]`: a
 * virtual CCCD in a vpcd reader until stopped, so pcscd and every PC/SC program see a real card.
 * The simulator PKI is kept in DIR (default: the data directory's sim-pki/); its CSCA is written to
 * DIR/trust/ for `kiosk card read --trust DIR/trust`.
 */
export async function simCardCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    scenario: { type: 'string' },
    id: { type: 'string' },
    citizen: { type: 'string' },
    port: { type: 'string' },
    pki: { type: 'string' },
  })
  const scenario = scenarioFlag(values.scenario ?? 'default')
  const port = Number(values.port ?? VPCD_PORT.second)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CliError('cli.errors.invalidPort', {}, EXIT.USAGE, String(values.port))
  }
  const now = new Date()
  if (values.id !== undefined) requireIdNumber(values.id, now)
  const { config } = loadCliConfig(argv, env)
  prepareDataDir(config.dataDir)
  const { pki, dir: pkiDir } = await stationSimPki(config.dataDir, now, values.pki)
  let citizen
  try {
    citizen = syntheticCitizen(values.citizen ?? values.id ?? 'training-1', {
      today: now,
      ...(values.id ? { idNumber: values.id } : {}),
    })
  } catch (error) {
    throw new CliError(
      'cli.errors.cannotMakeThisCitizen',
      {},
      EXIT.FAILED,
      (error as Error).message,
    )
  }
  const sim = createSimulatedCccd({ scenario, citizen, pki, now: () => now })
  let attachment
  try {
    attachment = await attachToVpcd(sim.card, { port, reconnect: true })
  } catch (error) {
    if (error instanceof CardError) throw CliError.fromDriver(error, EXIT.NO_DEVICE)
    throw error
  }
  const keys = sim.content.accessKeys
  io.out(
    [
      bilingualMessage('cli.text.virtualCardAttached', { port }),
      `  ${SCENARIOS[scenario].description}`,
      `  ${citizen.fullName}, ${citizen.idNumber}`,
      `  CAN ${keys.can.can}  MRZ ${keys.mrz.documentNumber},${keys.mrz.dateOfBirth},${keys.mrz.dateOfExpiry} (${mrzKeyInformation(keys.mrz)})`,
      `  CSCA: ${join(pkiDir, SIM_CSCA_FILE)}`,
      'ready',
    ].join('\n'),
  )
  const detach = await Promise.race([stopSignal.then(() => attachment.close()), attachment.closed])
  io.out(bilingualMessage('cli.text.virtualCardRemoved', { reason: detach.reason }))
  return detach.reason === 'error' ? 1 : 0
}
