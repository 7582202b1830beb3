/**
 * The part of @pokusew/pcsclite this package uses, typed structurally so the service can run on a
 * fake binding in unit tests. Names and callbacks follow the binding.
 */
export interface PcscReaderStatus {
  state: number
  atr?: Buffer
}

export interface PcscReaderHandle {
  readonly name: string
  readonly connected: boolean
  readonly SCARD_SHARE_SHARED: number
  readonly SCARD_SHARE_EXCLUSIVE: number
  readonly SCARD_PROTOCOL_T0: number
  readonly SCARD_PROTOCOL_T1: number
  readonly SCARD_STATE_PRESENT: number
  readonly SCARD_STATE_MUTE: number
  readonly SCARD_LEAVE_CARD: number
  readonly SCARD_RESET_CARD: number
  readonly SCARD_UNPOWER_CARD: number
  on(event: 'status', listener: (status: PcscReaderStatus) => void): unknown
  on(event: 'end', listener: () => void): unknown
  on(event: 'error', listener: (error: unknown) => void): unknown
  connect(
    options: { share_mode: number; protocol: number },
    callback: (error: unknown, protocol: number) => void,
  ): void
  disconnect(disposition: number, callback: (error: unknown) => void): void
  transmit(
    data: Buffer,
    maxResponseLength: number,
    protocol: number,
    callback: (error: unknown, response: Buffer) => void,
  ): void
  /** SCardControl; absent from fakes and builds without it. */
  control?(
    data: Buffer,
    controlCode: number,
    maxResponseLength: number,
    callback: (error: unknown, response: Buffer) => void,
  ): void
  /** The platform's SCARD_CTL_CODE (Unix and Windows differ). */
  SCARD_CTL_CODE?(ioctl: number): number
  close(): void
}

export interface PcscContextHandle {
  on(event: 'reader', listener: (reader: PcscReaderHandle) => void): unknown
  on(event: 'error', listener: (error: unknown) => void): unknown
  close(): void
}

/** Creating a context starts the binding's reader-watching thread. */
export type PcscBinding = () => PcscContextHandle

/**
 * The real binding from node_modules. Electron loads its own build (electron/core/native-modules
 * knows where); it passes that in as `loadBinding`.
 */
export async function loadPcscBinding(): Promise<PcscBinding> {
  // A name in a variable: the binding is optional, and compiling must not need its types.
  const name = '@pokusew/pcsclite'
  const factory = ((await import(name)) as { default: unknown }).default
  return asPcscBinding(factory)
}

/** The binding's declared overloads use `this: CardReader` listeners; the runtime shape is this. */
export function asPcscBinding(factory: unknown): PcscBinding {
  return factory as PcscBinding
}
