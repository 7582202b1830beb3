import { Ef01Driver } from '../../../drivers/fingerprint/ef01/driver'
import { Ef01ModuleSimulator, type Ef01Model } from '../../../drivers/fingerprint/sim/ef01-module'
import { connectSimulatedSerial } from '../../../drivers/fingerprint/sim/simulated-serial-link'
import { StreamEvents, type ByteStream } from '../../../drivers/fingerprint/transport/byte-stream'
import { VirtualClock } from '../../../drivers/fingerprint/transport/clock'
import { joined } from '../engine/tlv-tree'

/** What the module sent back after each of the host's writes, in order: one session's replies. */
export type ReplySegments = Uint8Array[]

/** A ByteStream that records, per host write, the bytes that come back before the next write. */
class RecordingStream implements ByteStream {
  readonly segments: Uint8Array[][] = [[]]

  constructor(private readonly inner: ByteStream) {}

  get label(): string {
    return this.inner.label
  }
  get closed(): boolean {
    return this.inner.closed
  }
  write(bytes: Uint8Array): Promise<void> {
    this.segments.push([])
    return this.inner.write(bytes)
  }
  onData(listener: (chunk: Uint8Array) => void) {
    return this.inner.onData((chunk) => {
      this.segments.at(-1)?.push(chunk.slice())
      listener(chunk)
    })
  }
  onClose(listener: Parameters<ByteStream['onClose']>[0]) {
    return this.inner.onClose(listener)
  }
  setBaudRate(baud: number) {
    return this.inner.setBaudRate(baud)
  }
  flush() {
    return this.inner.flush()
  }
  close() {
    return this.inner.close()
  }
}

/**
 * Records the simulated module's replies to the session the fuzz target replays: open (handshake,
 * password, ReadSysPara), one image (GenImg or GetImageEx, finger on the sensor), UpImage, close.
 * The R503 sends a 192 × 192 image in 256-byte data packets (cheap to replay); the R307 a 256 × 288
 * one in 128-byte packets.
 */
export async function recordEf01Session(model: Ef01Model): Promise<ReplySegments> {
  const clock = new VirtualClock()
  const r503 = model === 'R503'
  const module = new Ef01ModuleSimulator({
    model,
    clock,
    captureDelayMs: 0,
    packetSize: r503 ? 256 : 128,
    ...(r503 ? { width: 192, height: 192 } : {}),
  })
  const stream = new RecordingStream(connectSimulatedSerial(module, { clock, pacing: false }))
  const driver = new Ef01Driver(stream, { clock })
  module.placeFinger()
  await clock.run(
    (async () => {
      await driver.open()
      await driver.takeImage()
      await driver.uploadImage()
      await driver.close()
    })(),
  )
  return stream.segments.map((chunks) => joined(...chunks))
}

/** Segments as one input: u16 big-endian length before each (so length tweaks move boundaries). */
export function encodeSegments(segments: readonly Uint8Array[]): Uint8Array {
  return joined(
    ...segments.map((s) => joined(Uint8Array.of((s.length >> 8) & 0xff, s.length & 0xff), s)),
  )
}

export function decodeSegments(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let at = 0; at + 2 <= bytes.length;) {
    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0)
    out.push(bytes.subarray(at + 2, at + 2 + length))
    at += 2 + length
  }
  return out
}

/**
 * The module side of a fuzz case: answers the host's n-th write with segment n (after a
 * microtask, as a serial port would), and nothing once the segments run out.
 */
export class ScriptedModuleStream implements ByteStream {
  readonly label = 'fuzz'
  private readonly events = new StreamEvents()
  private writes = 0

  /** `segments[0]` is what the module sent before any command (the R503's ready byte). */
  constructor(private readonly segments: readonly Uint8Array[]) {}

  get closed(): boolean {
    return this.events.closed
  }
  async write(): Promise<void> {
    const first = ++this.writes === 1 ? this.segments[0] : undefined
    const segment = this.segments[this.writes]
    queueMicrotask(() => {
      if (first?.length) this.events.emitData(first)
      if (segment?.length) this.events.emitData(segment)
    })
  }
  onData(listener: (chunk: Uint8Array) => void) {
    return this.events.onData(listener)
  }
  onClose(listener: Parameters<ByteStream['onClose']>[0]) {
    return this.events.onClose(listener)
  }
  async setBaudRate(): Promise<void> {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {
    this.events.emitClose(null)
  }
}
