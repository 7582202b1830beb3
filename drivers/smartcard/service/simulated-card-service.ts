import { randomBytes as nodeRandomBytes } from 'node:crypto'
import type { RandomBytes } from '../icao9303/crypto/random'
import type { CardLink } from '../iso7816/apdu'
import { CardError, CardRemovedError } from '../iso7816/errors'
import type { SimPki } from '../pki/sim-pki'
import type { TrustStore } from '../pki/trust-store'
import type { ScenarioName, SimulatedCccd } from '../sim/cccd/scenarios'
import { SimulatedLink, type LinkPacing } from '../sim/simulated-link'
import { syntheticCitizen } from '../cccd/synthetic-citizens'
import type {
  CardReadOutcome,
  CardReaderInfo,
  CardReaderService,
  CardReadRequest,
  CardServiceEvents,
} from './card-reader-service'
import { CardReaderError, toCardReaderError } from './card-reader-errors'
import { EventHub } from './event-hub'
import { createLengthMemory, type LengthMemory } from '../reader/length-memory'
import { readOverLink } from './read-over-link'
import { TRAINING_FACE_SEED } from '../cccd/training-face'

export const SIMULATED_READER_NAME = 'Virtual CCCD reader (simulated)'
/**
 * The synthetic citizen of a card inserted without a seed (the simulator's own default). Its DG2 is
 * the fake camera's person (TRAINING_FACE_SEED, cccd/training-face.ts), so a training portrait matches.
 */
export const DEFAULT_CITIZEN_SEED = TRAINING_FACE_SEED

export interface SimulatedCardServiceOptions {
  /** CSCAs trusted besides the simulator's own test CSCA (the kiosk's trust directory). */
  trust?: TrustStore
  /** The PKI that signs every simulated card; default: one generated at the first insertion. */
  pki?: SimPki
  now?: () => Date
  randomBytes?: RandomBytes
  /** Milliseconds for `elapsedMs`; default performance.now. */
  clock?: () => number
  /** Air-time model of the virtual reader; default none (as fast as the process runs). */
  pacing?: LinkPacing
  readerName?: string
}

export interface SimulatedCardChoice {
  scenario?: ScenarioName
  /** Same seed, same synthetic citizen. */
  citizenSeed?: string
  /** The citizen's date of birth (YYYY-MM-DD), e.g. a child's for a training scenario. */
  dateOfBirth?: string
}

/** The card now on the virtual reader. */
export interface InsertedCard {
  reader: string
  scenario: ScenarioName
  citizenSeed: string
  atr: Uint8Array
  simulated: SimulatedCccd
}

export interface SimulatedCardService extends CardReaderService {
  readonly kind: 'simulated'
  readonly readerName: string
  /** Puts a virtual CCCD on the reader, taking off the one already there. */
  insert(choice?: SimulatedCardChoice): Promise<InsertedCard>
  /** Takes the card off the reader (a read in progress fails with `card-removed`). */
  remove(): boolean
  inserted(): InsertedCard | null
}

/**
 * The reader of training mode: one virtual reader in this process that a trainer (or a test) puts
 * virtual CCCDs on. Cards are signed by a simulator PKI whose CSCA only this service trusts, so a default
 * card verifies `valid` and the `unknown-csca` scenario `untrusted`.
 */
export function createSimulatedCardService(
  options: SimulatedCardServiceOptions = {},
): SimulatedCardService {
  const readerName = options.readerName ?? SIMULATED_READER_NAME
  const now = options.now ?? (() => new Date())
  const randomBytes = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)))
  const clock = options.clock ?? (() => performance.now())
  const hub = new EventHub<CardServiceEvents>()
  let current: InsertedCard | null = null
  let reading = false
  const lengthMemory = createLengthMemory()
  let closed = false

  const pkiAndTrust = lazyPkiAndTrust(options, now)

  const remove = (): boolean => {
    if (!current) return false
    current = null
    hub.emit('card-removed', { reader: readerName })
    return true
  }

  const readers = (): CardReaderInfo[] => (closed ? [] : [readerInfo(readerName, current)])

  return {
    kind: 'simulated',
    readerName,
    readers,
    on: (event, listener) => hub.on(event, listener),
    inserted: () => current,
    remove,
    async insert(choice = {}) {
      if (closed) throw new CardReaderError('no-reader', 'the simulated reader is closed')
      const scenario = choice.scenario ?? 'default'
      const citizenSeed = choice.citizenSeed ?? DEFAULT_CITIZEN_SEED
      const { pki } = await pkiAndTrust()
      const card = await simulatedCard(readerName, scenario, citizenSeed, {
        pki,
        now,
        randomBytes,
        ...(choice.dateOfBirth !== undefined ? { dateOfBirth: choice.dateOfBirth } : {}),
      })
      if (closed) throw new CardReaderError('no-reader', 'the simulated reader is closed')
      remove()
      current = card
      hub.emit('card-inserted', { reader: readerName, atr: card.atr })
      return card
    },
    async read(request: CardReadRequest): Promise<CardReadOutcome> {
      if (closed) throw new CardReaderError('no-reader', 'the simulated reader is closed')
      if (request.reader !== undefined && request.reader !== readerName) {
        throw new CardReaderError('no-reader', `${request.reader} (readers: ${readerName})`)
      }
      const card = current
      if (!card) throw new CardReaderError('no-card', readerName)
      if (reading) throw new CardReaderError('reader-busy', `${readerName} is being read`)
      reading = true
      try {
        return await readInsertedCard(card, request, {
          readerName,
          options,
          trust: async () => (await pkiAndTrust()).trust,
          randomBytes,
          now,
          clock,
          stillInserted: () => current === card,
          remove,
          lengthMemory,
        })
      } finally {
        reading = false
      }
    },
    async close() {
      closed = true
      current = null
      hub.clear()
    },
  }
}

interface ReadContext {
  readerName: string
  options: SimulatedCardServiceOptions
  trust: () => Promise<TrustStore>
  randomBytes: (n: number) => Uint8Array
  now: () => Date
  clock: () => number
  stillInserted: () => boolean
  remove: () => boolean
  lengthMemory: LengthMemory
}

/** One read of the card on the reader; a chip that leaves the field mid-read empties the reader. */
async function readInsertedCard(
  card: InsertedCard,
  request: CardReadRequest,
  context: ReadContext,
): Promise<CardReadOutcome> {
  const { options, readerName } = context
  const link = new SimulatedLink(card.simulated.card, {
    ...(options.pacing ? { pacing: options.pacing } : {}),
  })
  try {
    return await readOverLink(whileInserted(link, context.stillInserted), {
      ...request,
      reader: readerName,
      lengthMemory: context.lengthMemory,
      trust: await context.trust(),
      randomBytes: context.randomBytes,
      now: context.now,
      clock: context.clock,
    })
  } catch (error) {
    // The chip itself left the field (a scenario's fault): the reader is empty now.
    if (context.stillInserted() && error instanceof CardError && error.code === 'CARD_REMOVED') {
      context.remove()
    }
    throw toCardReaderError(error)
  } finally {
    await link.disconnect()
  }
}

type SimulatorSigning = { pki: SimPki; trust: TrustStore }

/**
 * The simulator PKI and the trust store that adds its CSCA, generated (and the simulator loaded)
 * on first use: starting the core must stay cheap.
 */
function lazyPkiAndTrust(
  options: SimulatedCardServiceOptions,
  now: () => Date,
): () => Promise<SimulatorSigning> {
  let signing: Promise<SimulatorSigning> | null = null
  return () =>
    (signing ??= Promise.all([import('../pki/sim-pki'), import('../pki/trust-store')]).then(
      ([{ createSimPki }, { createTrustStore, withAnchors }]) => {
        const pki = options.pki ?? createSimPki({ now: now() })
        const base = options.trust ?? createTrustStore([])
        return { pki, trust: withAnchors(base, [pki.csca.certificateDer], 'simulated CSCA') }
      },
    ))
}

function readerInfo(readerName: string, current: InsertedCard | null): CardReaderInfo {
  return {
    name: readerName,
    cardPresent: current !== null,
    ...(current ? { atr: current.atr } : {}),
    simulated: true,
  }
}

/** A virtual CCCD of the scenario for the seed's synthetic citizen, signed by `pki`. */
async function simulatedCard(
  readerName: string,
  scenario: ScenarioName,
  citizenSeed: string,
  context: { pki: SimPki; now: () => Date; randomBytes: RandomBytes; dateOfBirth?: string },
): Promise<InsertedCard> {
  const { createSimulatedCccd } = await import('../sim/cccd/scenarios')
  const { dateOfBirth, ...signing } = context
  const citizen =
    dateOfBirth === undefined
      ? citizenSeed
      : syntheticCitizen(citizenSeed, { today: context.now(), dateOfBirth })
  const simulated = createSimulatedCccd({ scenario, citizen, ...signing })
  return { reader: readerName, scenario, citizenSeed, atr: simulated.card.atr, simulated }
}

/** A link that fails like a pulled card once `present()` turns false, even mid-command. */
function whileInserted(link: SimulatedLink, present: () => boolean): CardLink {
  return {
    atr: link.atr,
    readerMaxApduData: () => link.readerMaxApduData(),
    async transmit(command) {
      if (!present()) throw new CardRemovedError('taken off the simulated reader')
      const response = await link.transmit(command)
      if (!present()) throw new CardRemovedError('taken off the simulated reader')
      return response
    },
  }
}
