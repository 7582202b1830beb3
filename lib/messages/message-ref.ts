import { bilingualMessage, formatMessage, type Language, type MessageParams } from './catalogue'

/**
 * What an error carries so any surface can say it in its own language: a key of the catalogue and
 * the values of its placeholders. Error classes keep their own `code`/`reason` discriminators and
 * add these two fields.
 */
export interface CatalogueMessage {
  readonly messageKey: string
  readonly params: MessageParams
}

/** A key and its parameters, as error constructors take them. */
export function messageRef(messageKey: string, params: MessageParams = {}): CatalogueMessage {
  return { messageKey, params }
}

/** The catalogue message an error (or anything) carries, if it carries one. */
export function catalogueMessageOf(value: unknown): CatalogueMessage | null {
  if (typeof value !== 'object' || value === null) return null
  const { messageKey, params } = value as { messageKey?: unknown; params?: unknown }
  if (typeof messageKey !== 'string') return null
  const safeParams: Record<string, string | number> = {}
  if (typeof params === 'object' && params !== null) {
    for (const [name, v] of Object.entries(params)) {
      if (typeof v === 'string' || typeof v === 'number') safeParams[name] = v
    }
  }
  return { messageKey, params: safeParams }
}

/** The text of a catalogue message in one language. */
export function textOf(message: CatalogueMessage, language: Language): string {
  return formatMessage(language, message.messageKey, message.params)
}

/**
 * The one-line form errors have always used for people and logs: "Tiếng Việt / English", then
 * ": detail" when there is one.
 */
export function bilingualLine(message: CatalogueMessage, detail?: string | null): string {
  const line = bilingualMessage(message.messageKey, message.params)
  return detail ? `${line}: ${detail}` : line
}

/**
 * Base of errors whose message is the bilingual line of a catalogue sentence plus a detail for
 * support ("Tiếng Việt / English: detail"); subclasses keep their own names and discriminators.
 */
export class CatalogueError extends Error implements CatalogueMessage {
  readonly messageKey: string
  readonly params: MessageParams

  constructor(
    text: CatalogueMessage,
    readonly detail: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(bilingualLine(text, detail), options)
    this.name = 'CatalogueError'
    this.messageKey = text.messageKey
    this.params = text.params
  }

  /** The sentence in Vietnamese, from the catalogue. */
  get vi(): string {
    return textOf(this, 'vi')
  }

  /** The sentence in English, from the catalogue. */
  get en(): string {
    return textOf(this, 'en')
  }
}
