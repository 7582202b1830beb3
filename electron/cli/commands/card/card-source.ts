import type { CardLink, PcscService, TrustStore } from '../../../../drivers/smartcard'
import {
  CardError,
  openPcscService,
  createSimulatedCccd,
  SimulatedLink,
  withAnchors,
} from '../../../../drivers/smartcard'

/** A card on a reader, connected, and how to let go of it. */
export interface ConnectedCard {
  reader: string
  link: CardLink
  /** The card's answer to reset, as the reader reported it (the doctor's self-test prints it). */
  atr: Uint8Array | undefined
  extendedLength: boolean
  /** Extra CSCAs to trust: the simulated chip's test CSCA, never a real reader's. */
  trustExtra: (trust: TrustStore) => TrustStore
  close(): Promise<void>
}

const SETTLE_MS = 1500
const POLL_MS = 50

/**
 * Finds the reader (`name` exactly, or the only reader whose name contains it; else the first with a
 * card) and connects exclusively. No reader or no card is a CardError READER_NOT_FOUND / NO_CARD.
 */
export async function connectPcscCard(name: string | undefined): Promise<ConnectedCard> {
  const service = await openPcscService()
  try {
    const reader = await pickReader(service, name)
    const link = await service.connect(reader)
    return {
      reader,
      link,
      atr: link.atr,
      // Unknown readers and cards: short APDUs always work; extended ones are an optimisation.
      extendedLength: false,
      trustExtra: (trust) => trust,
      close: async () => {
        await link.disconnect().catch(() => undefined)
        await service.close()
      },
    }
  } catch (error) {
    await service.close()
    throw error
  }
}

/** The virtual CCCD in this process (devices = simulated): a training read without hardware. */
export function connectSimulatedCard(
  scenario: Parameters<typeof createSimulatedCccd>[0],
): ConnectedCard {
  const sim = createSimulatedCccd(scenario)
  return {
    reader: 'Virtual CCCD (in-process)',
    link: new SimulatedLink(sim.card),
    atr: sim.card.atr,
    extendedLength: sim.profile.extendedLength,
    trustExtra: (trust) => withAnchors(trust, [sim.pki.csca.certificateDer], 'simulated CSCA'),
    close: async () => undefined,
  }
}

async function pickReader(service: PcscService, name: string | undefined): Promise<string> {
  const deadline = Date.now() + SETTLE_MS
  for (;;) {
    const readers = service.readers()
    if (name !== undefined) {
      const exact = readers.find((r) => r.name === name)
      const partial = readers.filter((r) => r.name.includes(name))
      const found = exact ?? (partial.length === 1 ? partial[0] : undefined)
      if (found?.cardPresent) return found.name
      if (Date.now() > deadline) {
        if (!found) {
          throw CardError.of(
            'READER_NOT_FOUND',
            `${name} (readers: ${readers.map((r) => r.name).join(', ') || 'none'})`,
          )
        }
        throw CardError.of('NO_CARD', found.name)
      }
    } else {
      const withCard = readers.find((r) => r.cardPresent)
      if (withCard) return withCard.name
      if (Date.now() > deadline) {
        if (readers.length === 0) throw CardError.of('READER_NOT_FOUND', 'no PC/SC reader')
        throw CardError.of('NO_CARD', readers.map((r) => r.name).join(', '))
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
