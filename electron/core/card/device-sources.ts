import { PcscUnavailableError } from '../../../drivers/smartcard'
import { hex } from '../../../lib/bytes'
import type { PcscCardService } from '../../../drivers/smartcard'
import type { PcscProbe } from '../devices/probes/pcsc'
import type { SimulatedCardReaderState } from '../devices/providers/simulated'
import type { CardService } from './card-service-for-mode'

const PROBE_REASONS = {
  'pcscd-down': 'pcscd-down',
  'binding-missing': 'pcsc-binding-missing',
  'pcsc-error': 'pcsc-error',
} as const

/**
 * The device manager's PC/SC probe answered from the card service's own context: no second
 * context every poll, and the presence it reports is the one reads see. Reopens PC/SC if needed.
 */
export function pcscProbeFrom(service: PcscCardService): () => Promise<PcscProbe> {
  return async () => {
    try {
      await service.ensureOpen()
    } catch (error) {
      const cause = (error as Error).cause
      const reason =
        cause instanceof PcscUnavailableError ? PROBE_REASONS[cause.reason] : 'pcsc-error'
      return { available: false, readers: [], reason, detail: (error as Error).message }
    }
    return {
      available: true,
      readers: service.readers().map((r) => ({
        name: r.name,
        cardPresent: r.cardPresent,
        ...(r.atr ? { atr: hex(r.atr) } : {}),
      })),
    }
  }
}

/** The virtual reader's entry for the simulated provider; null when cards go through PC/SC. */
export function simulatedReaderFrom(service: CardService): (() => SimulatedCardReaderState) | null {
  if (service.kind !== 'simulated') return null
  return () => ({ name: service.readerName, cardPresent: service.inserted() !== null })
}
