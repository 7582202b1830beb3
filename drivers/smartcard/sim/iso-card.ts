import { decodeCommand, encodeResponse, type ResponseApdu } from '../iso7816/apdu'
import { SW } from '../iso7816/status-words'
import { contactlessAtr } from './atr'
import type {
  CardCommand,
  CardContext,
  CommandHandler,
  SecureMessagingSession,
} from './card-session'
import { CardFileSystem, type Application, type ElementaryFile } from './file-system'
import { readBinaryHandler, selectHandler, status, type ReadBinaryOptions } from './iso-commands'
import type { VirtualCard } from './virtual-card'

/** The status word of a failed unwrap: the error's own `sw` (6987, 6988) if it has one. */
function smErrorStatus(error: unknown): number {
  const sw = (error as { sw?: unknown } | null)?.sw
  return typeof sw === 'number' && sw >= 0x6000 && sw <= 0x6fff ? sw : SW.SM_DATA_OBJECTS_INCORRECT
}

/** Historical bytes of the default ATR: "VNeIDsim". */
const DEFAULT_ATR = contactlessAtr(new TextEncoder().encode('VNeIDsim'))

export type FileReadListener = (file: ElementaryFile, offset: number, length: number) => void

export interface IsoCardOptions extends ReadBinaryOptions {
  atr?: Uint8Array
  files?: CardFileSystem
  /** Accept extended-length APDUs (default true); when false they answer 6700. */
  extendedLength?: boolean
  /**
   * Send at most this many data bytes per answer and the rest through 61xx + GET RESPONSE, as a
   * T=0 card behind a reader that does not chain for you.
   */
  responseChunk?: number
}

/**
 * A generic ISO 7816-4 card: a file system with SELECT and READ BINARY, more commands through
 * `handle(ins, handler)`, and a secure messaging session that handlers start. Each command goes
 * decode → (unwrap if protected) → handler → (wrap) → encode.
 */
export class IsoCard implements VirtualCard {
  readonly atr: Uint8Array
  readonly files: CardFileSystem
  private readonly handlers = new Map<number, CommandHandler>()
  private readonly readListeners = new Set<FileReadListener>()
  private readonly extendedLength: boolean
  private readonly responseChunk: number | undefined
  private application: Application | null = null
  private currentFile: ElementaryFile | null = null
  private session: SecureMessagingSession | null = null
  private pendingSession: SecureMessagingSession | null = null
  private pendingResponse: ResponseApdu | null = null
  private powered = false

  constructor(options: IsoCardOptions = {}) {
    this.atr = options.atr ?? DEFAULT_ATR
    this.files = options.files ?? new CardFileSystem()
    this.extendedLength = options.extendedLength ?? true
    this.responseChunk = options.responseChunk
    this.handlers.set(0xa4, selectHandler(this.files))
    const read = readBinaryHandler(this.files, options)
    this.handlers.set(0xb0, read)
    this.handlers.set(0xb1, read)
  }

  /** Adds or replaces the handler of an instruction (GET CHALLENGE, MSE, GENERAL AUTHENTICATE…). */
  handle(ins: number, handler: CommandHandler): this {
    this.handlers.set(ins, handler)
    return this
  }

  /** Observes every READ BINARY answer; a listener that throws aborts the command (fault hooks). */
  onFileRead(listener: FileReadListener): () => void {
    this.readListeners.add(listener)
    return () => this.readListeners.delete(listener)
  }

  get isPowered(): boolean {
    return this.powered
  }

  get secureMessagingActive(): boolean {
    return this.session !== null
  }

  powerOn(): void {
    this.powered = true
    this.clearVolatileState()
  }

  powerOff(): void {
    this.powered = false
    this.clearVolatileState()
  }

  reset(): void {
    this.powered = true
    this.clearVolatileState()
  }

  async process(bytes: Uint8Array): Promise<Uint8Array> {
    let command: CardCommand
    try {
      command = decodeCommand(bytes)
    } catch {
      return encodeResponse(status(SW.WRONG_LENGTH))
    }
    if (command.extended && !this.extendedLength) return encodeResponse(status(SW.WRONG_LENGTH))
    if (command.ins === 0xc0 && (command.cla & 0x0c) === 0)
      return encodeResponse(this.getResponse())
    this.pendingResponse = null
    if (command.cla & 0x80) return encodeResponse(status(SW.CLA_NOT_SUPPORTED))
    if (command.cla & 0x03) return encodeResponse(status(SW.LOGICAL_CHANNEL_NOT_SUPPORTED))

    const isProtected = (command.cla & 0x0c) !== 0
    const session = this.session
    let plain = command
    if (isProtected) {
      if (!session) return encodeResponse(status(SW.SM_DATA_OBJECTS_INCORRECT))
      try {
        plain = await session.unwrapCommand(command)
      } catch (error) {
        this.session = null
        return encodeResponse(status(smErrorStatus(error)))
      }
    } else if (session) {
      // A plain command ends the session; the command then runs with plain-access rights only.
      this.session = null
    }

    let response = await this.dispatch(plain, isProtected)
    if (isProtected && this.session === session && session) {
      response = await session.wrapResponse(response, plain)
    }
    if (this.pendingSession) {
      this.session = this.pendingSession
      this.pendingSession = null
    }
    return encodeResponse(this.chain(response))
  }

  private async dispatch(command: CardCommand, secureMessaging: boolean): Promise<ResponseApdu> {
    const handler = this.handlers.get(command.ins)
    if (!handler) return status(SW.INS_NOT_SUPPORTED)
    return handler(command, this.context(secureMessaging))
  }

  private context(secureMessaging: boolean): CardContext {
    return {
      secureMessaging,
      application: this.application,
      currentFile: this.currentFile,
      selectApplication: (application) => {
        this.application = application
        this.currentFile = null
      },
      selectFile: (file) => {
        this.currentFile = file
      },
      startSecureMessaging: (session) => {
        this.pendingSession = session
      },
      endSecureMessaging: () => {
        this.session = null
        this.pendingSession = null
      },
      fileRead: (file, offset, length) => {
        for (const listener of this.readListeners) listener(file, offset, length)
      },
    }
  }

  /** Splits a long answer into 61xx parts when `responseChunk` says so. */
  private chain(response: ResponseApdu): ResponseApdu {
    const chunk = this.responseChunk
    if (chunk === undefined || response.data.length <= chunk) return response
    this.pendingResponse = { data: response.data.subarray(chunk), sw: response.sw }
    return { data: response.data.subarray(0, chunk), sw: this.moreDataStatus() }
  }

  private getResponse(): ResponseApdu {
    const pending = this.pendingResponse
    if (!pending) return status(SW.CONDITIONS_NOT_SATISFIED)
    this.pendingResponse = null
    return this.chain(pending)
  }

  private moreDataStatus(): number {
    const left = this.pendingResponse?.data.length ?? 0
    return 0x6100 | (left >= 256 ? 0 : left)
  }

  private clearVolatileState(): void {
    this.application = null
    this.currentFile = null
    this.session = null
    this.pendingSession = null
    this.pendingResponse = null
  }
}
