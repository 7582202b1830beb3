import { hex } from '../../../lib/bytes'
import type { CardReaderInfo, LdsFileName } from '../../../drivers/smartcard'
import {
  errorMessage,
  KioskError,
  type CardReader,
  type CardReadResult,
  type EventName,
  type EventPayload,
} from '../../contract'
import type { AuditLog } from '../audit'
import type { Handlers } from '../dispatch'
import type { Logger } from '../log'
import { cardFailureToKioskError, NOT_SIMULATED } from './card-errors'
import { toCardReadResult } from './card-result'
import type { CardService } from './card-service-for-mode'

export type CardChannel =
  'card.readers' | 'card.read' | 'card.simulateInsert' | 'card.simulateRemove'
export type CardHandlers = Pick<Handlers, CardChannel>
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>, to?: string) => void

export interface CardWiring {
  service: CardService
  emit: Emit
  log: Logger
  /** Readers or cards came or went: the device list should be probed again. */
  onDevicesChanged?: () => void
  /** A read finished on a window or socket: its chip photo (DG2 image bytes), or null. */
  onChipFace?: (connectionId: string, image: Uint8Array | null) => void
  /** The same read, whole: its result and the raw chip files, for the enrollment of that window. */
  onChipRead?: (connectionId: string, read: ChipRead) => void
  /** Where each read's outcome and verdicts are recorded (never the chip's data). */
  audit?: Pick<AuditLog, 'append'>
}

/** One chip read as the enrollment takes it: the contract's result and the files as read. */
export interface ChipRead {
  result: CardReadResult
  files: ReadonlyMap<LdsFileName, Uint8Array>
}

function toContractReader(reader: CardReaderInfo): CardReader {
  return {
    name: reader.name,
    cardPresent: reader.cardPresent,
    ...(reader.atr ? { atr: hex(reader.atr) } : {}),
    simulated: reader.simulated,
  }
}

/**
 * Forwards the card service's hot-plug events to the contract and answers the card channels.
 * Returns the handlers and the function that stops forwarding.
 */
export function wireCardService(wiring: CardWiring): {
  handlers: CardHandlers
  stop: () => void
} {
  const { service, emit } = wiring
  const changed = () => wiring.onDevicesChanged?.()
  const stops = [
    service.on('card-inserted', ({ reader, atr }) => {
      emit('card.inserted', { reader, atr: hex(atr) })
      changed()
    }),
    service.on('card-removed', ({ reader }) => {
      emit('card.removed', { reader })
      changed()
    }),
    service.on('reader-added', changed),
    service.on('reader-removed', changed),
  ]

  const handlers: CardHandlers = {
    'card.readers': async () => {
      // While pcscd is down this is the moment to try again: someone is looking at the list.
      if (service.kind === 'pcsc') await service.ensureOpen().catch(() => undefined)
      return {
        source: service.kind === 'simulated' ? 'simulated' : 'real',
        readers: service.readers().map(toContractReader),
      }
    },
    // The read's progress and result carry citizen data: only the caller's window gets them.
    'card.read': (input, { caller, session }) =>
      readCard(wiring, input, caller.connectionId, session?.officerId ?? 'station'),
    'card.simulateInsert': (input) => simulateInsert(service, input),
    'card.simulateRemove': () => {
      if (service.kind !== 'simulated') throw NOT_SIMULATED
      return { removed: service.remove() }
    },
  }

  return { handlers, stop: () => stops.forEach((stop) => stop()) }
}

type HandlerInput<C extends CardChannel> = Parameters<CardHandlers[C]>[0]
type HandlerOutput<C extends CardChannel> = Awaited<ReturnType<CardHandlers[C]>>

/** Reads the card, streaming progress and steps as events; logs verdicts and figures, never PII. */
async function readCard(
  { service, emit, log, onChipFace, onChipRead, audit }: CardWiring,
  { reader, access }: HandlerInput<'card.read'>,
  to: string,
  actor: string,
): Promise<HandlerOutput<'card.read'>> {
  let outcome
  try {
    outcome = await service.read({
      ...(reader !== undefined ? { reader } : {}),
      key: access,
      onProgress: (progress, from) => emit('card.readProgress', { reader: from, ...progress }, to),
      onStep: (step, from) => emit('card.readStep', { reader: from, step }, to),
    })
  } catch (error) {
    const mapped = cardFailureToKioskError(error)
    log.warn('card read failed', { error: errorMessage(error) })
    audit?.append({
      actor,
      action: 'card.readFailed',
      ...(reader !== undefined ? { subject: reader } : {}),
      details: {
        access: access.kind,
        outcome: mapped instanceof KioskError ? mapped.code : 'E_INTERNAL',
      },
    })
    throw mapped
  }
  onChipFace?.(to, outcome.document.face?.image ?? null)
  const result = await toCardReadResult(outcome, (error) =>
    log.warn('portrait not displayable', { error: errorMessage(error) }),
  )
  // No PII in the log: verdicts and figures only.
  log.info('card read', {
    reader: result.reader,
    access: result.access,
    passiveAuth: result.passiveAuth.verdict,
    chipAuth: result.chipAuth.verdict,
    activeAuth: result.activeAuth.verdict,
    apdus: result.apdus,
    elapsedMs: result.elapsedMs,
  })
  // Who read a card, when, on which reader and with what verdicts: no document number or name.
  audit?.append({
    actor,
    action: 'card.read',
    subject: result.reader,
    details: {
      outcome: 'read',
      access: result.access,
      passiveAuth: result.passiveAuth.verdict,
      chipAuth: result.chipAuth.verdict,
      activeAuth: result.activeAuth.verdict,
    },
  })
  onChipRead?.(to, { result, files: outcome.document.files })
  emit('card.readResult', result, to)
  return result
}

/** Training mode: puts a virtual card on the reader and answers its access keys. */
async function simulateInsert(
  service: CardService,
  { scenario, citizenSeed, dateOfBirth }: HandlerInput<'card.simulateInsert'>,
): Promise<HandlerOutput<'card.simulateInsert'>> {
  if (service.kind !== 'simulated') throw NOT_SIMULATED
  const card = await service
    .insert({
      ...(scenario !== undefined ? { scenario } : {}),
      ...(citizenSeed !== undefined ? { citizenSeed } : {}),
      ...(dateOfBirth !== undefined ? { dateOfBirth } : {}),
    })
    .catch((error: unknown) => {
      throw cardFailureToKioskError(error)
    })
  const { can, mrz } = card.simulated.content.accessKeys
  return {
    reader: card.reader,
    scenario: card.scenario,
    citizenSeed: card.citizenSeed,
    atr: hex(card.atr),
    accessKeys: {
      can: can.can,
      mrz: {
        documentNumber: mrz.documentNumber,
        dateOfBirth: mrz.dateOfBirth,
        dateOfExpiry: mrz.dateOfExpiry,
      },
    },
  }
}
