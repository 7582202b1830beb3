export type Unsubscribe = () => void

export type LinkErrorCode = 'not-found' | 'open-failed' | 'removed'

/** The port could not be opened, or went away (cable pulled, scanner unplugged). */
export class BarcodeLinkError extends Error {
  constructor(
    readonly code: LinkErrorCode,
    detail: string,
  ) {
    super(detail)
    this.name = 'BarcodeLinkError'
  }
}

/**
 * What the scanner driver reads from: bytes in, one close. A scanner in serial mode only talks, so
 * there is no write side; a serial port, a pty and the in-process simulator all look like this.
 */
export interface ScannerLink {
  /** Where it goes, for logs and the device list: `serial:/dev/ttyACM0`, `sim`. */
  readonly label: string
  readonly closed: boolean
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe
  /** Called once: with null after close(), with a BarcodeLinkError when the device went away. */
  onClose(listener: (error: BarcodeLinkError | null) => void): Unsubscribe
  close(): Promise<void>
}

/** The listener bookkeeping every ScannerLink needs. */
export class LinkEvents {
  private data = new Set<(chunk: Uint8Array) => void>()
  private closes = new Set<(error: BarcodeLinkError | null) => void>()
  private closedWith: { error: BarcodeLinkError | null } | null = null

  get closed(): boolean {
    return this.closedWith !== null
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    this.data.add(listener)
    return () => this.data.delete(listener)
  }

  onClose(listener: (error: BarcodeLinkError | null) => void): Unsubscribe {
    if (this.closedWith) {
      const { error } = this.closedWith
      queueMicrotask(() => listener(error))
      return () => undefined
    }
    this.closes.add(listener)
    return () => this.closes.delete(listener)
  }

  emitData(chunk: Uint8Array): void {
    if (this.closedWith || chunk.length === 0) return
    for (const listener of [...this.data]) listener(chunk)
  }

  emitClose(error: BarcodeLinkError | null): void {
    if (this.closedWith) return
    this.closedWith = { error }
    const listeners = [...this.closes]
    this.closes.clear()
    this.data.clear()
    for (const listener of listeners) listener(error)
  }
}
