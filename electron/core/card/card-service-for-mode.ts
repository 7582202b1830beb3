import type {
  TrustStore,
  PcscCardService,
  PcscServiceLike,
  SimulatedCardService,
  SimulatedCardServiceOptions,
} from '../../../drivers/smartcard'
import { createPcscCardService, createSimulatedCardService } from '../../../drivers/smartcard'
import { errorMessage, type DeviceMode } from '../../contract'
import type { Logger } from '../log'

export type CardService = PcscCardService | SimulatedCardService

export interface CardServiceChoice {
  mode: DeviceMode
  /** The kiosk's CSCAs (the simulated service adds its own test CSCA on top); default none. */
  trust?: TrustStore
  now: () => Date
  log: Logger
  /** Default: openPcscService() on the binding built for this runtime (Node or Electron). */
  openPcsc?: () => Promise<PcscServiceLike>
  simulated?: Omit<SimulatedCardServiceOptions, 'trust' | 'now'>
}

/**
 * The card service for the device mode: simulated → the in-process virtual reader; real → PC/SC
 * (reopened on demand while pcscd is down, so the device list says why); auto → PC/SC when pcscd
 * answers at start-up, else the virtual reader.
 */
export async function createCardServiceForMode(choice: CardServiceChoice): Promise<CardService> {
  const trust = choice.trust ? { trust: choice.trust } : {}
  const simulated = () =>
    createSimulatedCardService({ ...choice.simulated, ...trust, now: choice.now })
  if (choice.mode === 'simulated') return simulated()
  const pcsc = createPcscCardService({
    ...trust,
    now: choice.now,
    open: choice.openPcsc ?? openPcscWithKioskBinding,
  })
  try {
    await pcsc.ensureOpen()
    return pcsc
  } catch (error) {
    // Whatever PC/SC did, the kiosk starts: real mode lists the reader as absent with the reason
    // and retries; auto mode trains on the virtual reader.
    if (choice.mode === 'real') {
      choice.log.warn('PC/SC unavailable; will retry', { error: errorMessage(error) })
      return pcsc
    }
    await pcsc.close()
    choice.log.info('PC/SC unavailable; using the simulated card reader', {
      error: errorMessage(error),
    })
    return simulated()
  }
}

/** PC/SC through the binding for this runtime: inside Electron, the Electron-ABI build. */
async function openPcscWithKioskBinding(): Promise<PcscServiceLike> {
  const [{ openPcscService }, { asPcscBinding }, { importPcsclite }] = await Promise.all([
    import('../../../drivers/smartcard'),
    import('../../../drivers/smartcard'),
    import('../../../lib/native-modules'),
  ])
  return openPcscService({ loadBinding: async () => asPcscBinding(await importPcsclite()) })
}
