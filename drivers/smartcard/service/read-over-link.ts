import type { RandomBytes } from '../icao9303/crypto/random'
import type { CardLink } from '../iso7816/apdu'
import { ApduChannel } from '../iso7816/apdu-channel'
import type { TrustStore } from '../pki/trust-store'
import { CountingLink } from '../reader/counting-link'
import type { LengthMemory } from '../reader/length-plan'
import type { CardReadOutcome, CardReadRequest } from './card-reader-service'

export interface ReadOverLinkOptions extends CardReadRequest {
  reader: string
  /** Cards that refused extended length before, so they start short (kept by the service). */
  lengthMemory?: LengthMemory
  /** Default: an empty store (every genuine chip then reads `untrusted`). */
  trust: TrustStore | undefined
  randomBytes: RandomBytes
  now: () => Date
  /** Milliseconds from any fixed origin, for `elapsedMs`. */
  clock: () => number
}

/** Reads the whole document over a connected link, counting APDUs and bytes and timing it. */
export async function readOverLink(
  link: CardLink,
  options: ReadOverLinkOptions,
): Promise<CardReadOutcome> {
  // The ICAO stack loads on the first read, not with the core (it is most of the driver's code).
  const [{ readDocument }, { summarizeRead }, { createTrustStore }] = await Promise.all([
    import('../reader/read-document'),
    import('../reader/summary'),
    import('../pki/trust-store'),
  ])
  const counting = new CountingLink(link)
  // No length flag: the reader chooses from the card's ATR, EF.ATR/INFO and the reader's limit.
  const channel = new ApduChannel(counting)
  const started = options.clock()
  const document = await readDocument(channel, {
    key: options.key,
    trust: options.trust ?? createTrustStore([]),
    randomBytes: options.randomBytes,
    now: options.now,
    ...(options.lengthMemory ? { lengthMemory: options.lengthMemory } : {}),
    onProgress: (progress) => options.onProgress?.(progress, options.reader),
    onStep: (step) => options.onStep?.(step, options.reader),
  })
  const elapsedMs = options.clock() - started
  return {
    reader: options.reader,
    document,
    counts: { ...counting.counts },
    elapsedMs,
    summary: summarizeRead(document, counting.counts, elapsedMs),
  }
}
