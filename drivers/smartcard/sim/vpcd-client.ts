import { createConnection, type Socket } from 'node:net'
import { encodeResponse } from '../iso7816/apdu'
import { realSleep, type Sleep } from '../iso7816/deadline'
import { CardError, CardRemovedError, cardErrorMessage } from '../iso7816/errors'
import { SW } from '../iso7816/status-words'
import type { VirtualCard } from './virtual-card'
import { VPCD_CONTROL, VPCD_PORT, VpcdFrameReader, frameVpcdMessage } from './vpcd-protocol'

/** Nobody listens on the vpcd port: pcscd is not running, or its vpcd driver is not loaded. */
export class VpcdUnavailableError extends CardError {
  override name = 'VpcdUnavailableError'
  constructor(host: string, port: number, cause?: unknown) {
    const code = (cause as { code?: unknown } | undefined)?.code
    super(
      'VPCD_UNAVAILABLE',
      cardErrorMessage('VPCD_UNAVAILABLE'),
      `${host}:${port}${typeof code === 'string' ? ` (${code})` : ''}`,
      { cause },
    )
  }
}

export interface VpcdOptions {
  /** Default 127.0.0.1 (vpcd listens on IPv4 localhost). */
  host?: string
  /** Default 35963, the first vpcd reader ("Virtual PCD 00 00"); 35964 is the second. */
  port?: number
  /** Connection attempts before giving up; default 10. */
  connectAttempts?: number
  /** First wait between attempts, doubled each time up to 2 s; default 200 ms. */
  retryDelayMs?: number
  /** Attach again when vpcd drops the connection (pcscd restarted); default false. */
  reconnect?: boolean
  sleep?: Sleep
  /** A card that threw something other than CardRemovedError; the reader got 6F00. */
  onCardError?: (error: unknown) => void
}

export interface VpcdDetach {
  /** local: close() was called; remote: vpcd closed; card-removed: the card said it left. */
  reason: 'local' | 'remote' | 'card-removed' | 'error'
  error?: Error
}

export interface VpcdAttachment {
  /** Settles once the card is detached for good (it never rejects). */
  readonly closed: Promise<VpcdDetach>
  /** Detaches the card: pcscd sees it removed. */
  close(): Promise<VpcdDetach>
  /** Command APDUs answered so far. */
  readonly apdus: number
}

const MAX_RETRY_DELAY_MS = 2000

function connectOnce(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port })
    const fail = (error: Error): void => {
      socket.destroy()
      reject(error)
    }
    socket.once('error', fail)
    socket.once('connect', () => {
      socket.removeListener('error', fail)
      socket.setNoDelay(true)
      resolve(socket)
    })
  })
}

/**
 * Puts a VirtualCard in a vpcd reader, so pcscd and every PC/SC application see it as a real card.
 * Resolves once connected; rejects with VpcdUnavailableError when vpcd does not answer.
 */
export async function attachToVpcd(
  card: VirtualCard,
  options: VpcdOptions = {},
): Promise<VpcdAttachment> {
  const attachment = new VpcdConnection(card, options)
  await attachment.connect()
  return attachment
}

class VpcdConnection implements VpcdAttachment {
  readonly closed: Promise<VpcdDetach>
  apdus = 0
  private finish!: (detach: VpcdDetach) => void
  private socket: Socket | null = null
  private closing = false
  private done = false
  private readonly host: string
  private readonly port: number
  private readonly sleep: Sleep

  constructor(
    private readonly card: VirtualCard,
    private readonly options: VpcdOptions,
  ) {
    this.host = options.host ?? '127.0.0.1'
    this.port = options.port ?? VPCD_PORT.first
    this.sleep = options.sleep ?? realSleep
    this.closed = new Promise((resolve) => {
      this.finish = (detach) => {
        if (this.done) return
        this.done = true
        resolve(detach)
      }
    })
  }

  async connect(): Promise<void> {
    const attempts = this.options.connectAttempts ?? 10
    let delay = this.options.retryDelayMs ?? 200
    let last: unknown
    for (let attempt = 0; attempt < attempts && !this.closing; attempt++) {
      if (attempt > 0) {
        await this.sleep(delay)
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS)
      }
      try {
        this.listen(await connectOnce(this.host, this.port))
        return
      } catch (error) {
        last = error
      }
    }
    throw new VpcdUnavailableError(this.host, this.port, last)
  }

  async close(): Promise<VpcdDetach> {
    this.closing = true
    if (this.socket) this.socket.destroy()
    else this.finish({ reason: 'local' })
    return this.closed
  }

  private listen(socket: Socket): void {
    this.socket = socket
    const frames = new VpcdFrameReader()
    let queue = Promise.resolve()
    let removed = false
    let cardFailure: Error | undefined
    let socketError: Error | undefined
    socket.on('data', (chunk: Buffer) => {
      for (const message of frames.push(chunk)) {
        queue = queue.then(async () => {
          if (removed || socket.destroyed) return
          try {
            const answer = await this.answer(message)
            if (answer && !socket.destroyed) socket.write(frameVpcdMessage(answer))
          } catch (error) {
            // The card left the field (or broke): drop the connection so pcscd sees it removed.
            if (error instanceof CardRemovedError) removed = true
            else cardFailure = error instanceof Error ? error : new Error(String(error))
            socket.destroy()
          }
        })
      }
    })
    socket.on('error', (error) => {
      socketError = error
    })
    socket.on('close', () => {
      this.socket = null
      this.card.powerOff()
      if (this.closing) this.finish({ reason: 'local' })
      else if (removed) this.finish({ reason: 'card-removed' })
      else if (cardFailure) this.finish({ reason: 'error', error: cardFailure })
      else if (this.options.reconnect) this.reattach()
      else this.finish({ reason: 'remote', ...(socketError ? { error: socketError } : {}) })
    })
  }

  private reattach(): void {
    this.connect().catch((error: unknown) => {
      this.finish({ reason: this.closing ? 'local' : 'error', error: error as Error })
    })
  }

  /** The reply to one vpcd message, or null for the controls that take none. */
  private async answer(message: Uint8Array): Promise<Uint8Array | null> {
    if (message.length === 0) return null
    if (message.length === 1) {
      switch (message[0]) {
        case VPCD_CONTROL.POWER_OFF:
          this.card.powerOff()
          return null
        case VPCD_CONTROL.POWER_ON:
          this.card.powerOn()
          return null
        case VPCD_CONTROL.RESET:
          this.card.reset()
          return null
        case VPCD_CONTROL.GET_ATR:
          return this.card.atr
        default:
          return null
      }
    }
    this.apdus++
    try {
      return await this.card.process(message)
    } catch (error) {
      if (error instanceof CardRemovedError) throw error
      this.options.onCardError?.(error)
      return encodeResponse({ data: new Uint8Array(0), sw: SW.NO_PRECISE_DIAGNOSIS })
    }
  }
}
