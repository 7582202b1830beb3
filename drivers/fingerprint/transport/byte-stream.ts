import type { TransportError } from './errors'

export type Unsubscribe = () => void

/**
 * The one interface between a fingerprint protocol and the wire: a full-duplex byte pipe. Serial
 * ports, CP2110 HID bridges and the in-process simulator link all look like this, so the EF01 driver
 * (and later a GT-521F driver) never knows which one it talks through.
 */
export interface ByteStream {
  /** Where it goes, for messages: `serial:/dev/ttyUSB0`, `hid:10c4:ea80`, `sim`. */
  readonly label: string
  readonly closed: boolean
  /** Resolves once the bytes have left the host (written to the OS, or into HID reports). */
  write(bytes: Uint8Array): Promise<void>
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe
  /** Called once: with null after close(), with a TransportError when the device went away. */
  onClose(listener: (error: TransportError | null) => void): Unsubscribe
  /** Changes the host side's UART rate (after the module was told to switch). */
  setBaudRate(baud: number): Promise<void>
  /** Drops bytes buffered on the host side in both directions. */
  flush(): Promise<void>
  close(): Promise<void>
}

/** The listener bookkeeping every ByteStream implementation needs. */
export class StreamEvents {
  private dataListeners = new Set<(chunk: Uint8Array) => void>()
  private closeListeners = new Set<(error: TransportError | null) => void>()
  private closedWith: { error: TransportError | null } | null = null

  get closed(): boolean {
    return this.closedWith !== null
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    this.dataListeners.add(listener)
    return () => this.dataListeners.delete(listener)
  }

  onClose(listener: (error: TransportError | null) => void): Unsubscribe {
    if (this.closedWith) {
      const { error } = this.closedWith
      queueMicrotask(() => listener(error))
      return () => undefined
    }
    this.closeListeners.add(listener)
    return () => this.closeListeners.delete(listener)
  }

  emitData(chunk: Uint8Array): void {
    if (this.closedWith || chunk.length === 0) return
    for (const listener of [...this.dataListeners]) listener(chunk)
  }

  /** Marks the stream closed and tells the listeners; later calls do nothing. */
  emitClose(error: TransportError | null): void {
    if (this.closedWith) return
    this.closedWith = { error }
    const listeners = [...this.closeListeners]
    this.closeListeners.clear()
    this.dataListeners.clear()
    for (const listener of listeners) listener(error)
  }
}
