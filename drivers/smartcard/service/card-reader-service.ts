import type { AccessKey } from '../icao9303/access-key'
import type { LinkCounts } from '../reader/counting-link'
import type { DocumentRead, ReadProgress, ReadStep } from '../reader/document-read'
import type { ReadSummary } from '../reader/summary'

/** A reader as the core lists it. */
export interface CardReaderInfo {
  name: string
  cardPresent: boolean
  /** The card's ATR while one is present. */
  atr?: Uint8Array
  /** The in-process virtual reader of training mode, not a PC/SC reader. */
  simulated: boolean
}

export interface CardServiceEvents {
  'reader-added': { reader: string }
  'reader-removed': { reader: string }
  'card-inserted': { reader: string; atr: Uint8Array }
  'card-removed': { reader: string }
}

export type CardServiceEventName = keyof CardServiceEvents

export interface CardReadRequest {
  /** Exact reader name; default: the first reader holding a card. */
  reader?: string
  key: AccessKey
  /** `reader` is the one chosen (the request may name none). */
  onProgress?: (progress: ReadProgress, reader: string) => void
  onStep?: (step: ReadStep, reader: string) => void
}

/** One successful read: the parsed document, what crossed the link, and how long it took. */
export interface CardReadOutcome {
  reader: string
  document: DocumentRead
  counts: LinkCounts
  elapsedMs: number
  /** `summarizeRead` of the above: the JSON shape the CLI and the core report. */
  summary: ReadSummary
}

/**
 * What the core calls to read chip ID cards, over PC/SC (real readers) or from the in-process virtual
 * CCCD (training). Failures of `read` are CardReaderError with a stable code.
 */
export interface CardReaderService {
  readonly kind: 'pcsc' | 'simulated'
  readers(): CardReaderInfo[]
  on<K extends CardServiceEventName>(
    event: K,
    listener: (payload: CardServiceEvents[K]) => void,
  ): () => void
  read(request: CardReadRequest): Promise<CardReadOutcome>
  close(): Promise<void>
}
