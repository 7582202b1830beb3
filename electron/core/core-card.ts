import { join } from 'node:path'
import type { TrustStore } from '../../drivers/smartcard'
import { errorMessage } from '../contract'
import { createCardServiceForMode, type CardService } from './card'
import type { KioskConfig } from './config'
import type { CoreOptions } from './core-options'
import type { Logger } from './log'

/** The card service the device mode calls for, trusting the CSCAs of `options.card.trustDir`. */
export async function createCardService(
  config: KioskConfig,
  options: CoreOptions,
  now: () => Date,
  log: Logger,
): Promise<CardService> {
  const trustDir = options.card?.trustDir
  let trust: TrustStore | undefined
  if (trustDir) {
    // Certificate parsing loads only when there is something to parse.
    const { loadTrustStore } = await import('../../drivers/smartcard')
    trust = await loadTrustStore(trustDir)
    for (const problem of trust.problems) log.warn('trust store file not loaded', { ...problem })
  }
  return createCardServiceForMode({
    mode: config.devices,
    ...(trust ? { trust } : {}),
    now,
    log,
    ...(options.card?.openPcsc ? { openPcsc: options.card.openPcsc } : {}),
    ...(config.devices === 'real'
      ? {}
      : { simulated: { pki: await stationSimPki(config, now, log) } }),
  })
}

/**
 * The training reader's cards are signed by the station's simulator PKI (the one `sim card` and
 * `sim enroll` use and the training upstream trusts), so files made in training verify `valid`.
 * A damaged PKI file is logged and replaced by a fresh PKI for this run.
 */
async function stationSimPki(config: KioskConfig, now: () => Date, log: Logger) {
  const { loadOrCreateSimPki, SIM_PKI_DIR_NAME } = await import('../../drivers/smartcard')
  try {
    return await loadOrCreateSimPki(join(config.dataDir, SIM_PKI_DIR_NAME), now())
  } catch (error) {
    log.warn('simulator PKI not usable; training cards get a fresh one', {
      error: errorMessage(error),
    })
    const { createSimPki } = await import('../../drivers/smartcard')
    return createSimPki({ now: now() })
  }
}
