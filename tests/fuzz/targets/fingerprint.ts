import { EventEmitter } from 'node:events'
import fc from 'fast-check'
import { PID } from '../../../drivers/fingerprint/ef01/codec'
import { Ef01Driver } from '../../../drivers/fingerprint/ef01/driver'
import { Ef01FrameError, Ef01ProtocolError } from '../../../drivers/fingerprint/ef01/errors'
import { ImageUploadAssembler } from '../../../drivers/fingerprint/ef01/image-upload'
import { Ef01PacketReader } from '../../../drivers/fingerprint/ef01/packet-reader'
import {
  parseSystemParameters,
  SYSTEM_PARAMETERS_SIZE,
} from '../../../drivers/fingerprint/ef01/system-parameters'
import type { ByteStream } from '../../../drivers/fingerprint/transport/byte-stream'
import { VirtualClock } from '../../../drivers/fingerprint/transport/clock'
import { CP2110, encodeUartConfig, uart8N1 } from '../../../drivers/fingerprint/transport/cp2110'
import { openCp2110Transport } from '../../../drivers/fingerprint/transport/cp2110-transport'
import { FingerprintError } from '../../../drivers/fingerprint/transport/errors'
import type { HidDeviceLike } from '../../../drivers/fingerprint/transport/hid-device'
import { minChunk, randomBytes, withSelector } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'
import {
  decodeSegments,
  encodeSegments,
  recordEf01Session,
  ScriptedModuleStream,
} from '../seeds/ef01'

const BAUD = 57600
const REPORT_SIZE = 64

/** A module's bytes as the CP2110 sends them up: `[n, n bytes, padding]` interrupt reports. */
function toInReports(bytes: Uint8Array): Uint8Array {
  const reports: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += CP2110.MAX_DATA) {
    const chunk = bytes.subarray(at, at + CP2110.MAX_DATA)
    const report = new Uint8Array(REPORT_SIZE)
    report[0] = chunk.length
    report.set(chunk, 1)
    reports.push(report)
  }
  return joined(...reports)
}

/** A CP2110 whose configuration read-back is segment 0 and whose n-th data write is answered by segment n. */
class ScriptedHid extends EventEmitter implements HidDeviceLike {
  private writes = 0

  constructor(private readonly segments: readonly Uint8Array[]) {
    super()
  }
  write(): number {
    const segment = this.segments[++this.writes]
    queueMicrotask(() => {
      for (let at = 0; segment && at < segment.length; at += REPORT_SIZE) {
        this.emit('data', Buffer.from(segment.subarray(at, at + REPORT_SIZE)))
      }
    })
    return REPORT_SIZE
  }
  sendFeatureReport(data: number[] | Buffer): number {
    return data.length
  }
  getFeatureReport(): Buffer {
    return Buffer.from(this.segments[0] ?? [])
  }
  close(): void {}
}

async function ef01Session(input: Uint8Array): Promise<string> {
  const overCp2110 = ((input[0] ?? 0) & 1) === 1
  const segments = decodeSegments(input.subarray(1))
  const clock = new VirtualClock()
  const session = async () => {
    const stream: ByteStream = overCp2110
      ? await openCp2110Transport(new ScriptedHid(segments), { baudRate: BAUD })
      : new ScriptedModuleStream(segments)
    const driver = new Ef01Driver(stream, { clock })
    try {
      await driver.open()
      if (await driver.takeImage()) await driver.uploadImage()
      return driver.state
    } finally {
      await driver.close()
    }
  }
  // A session that can never finish (no timer left) is reported by the clock: that is a hang.
  return clock.run(session(), 3_600_000)
}

export const ef01Driver: FuzzTarget = {
  name: 'ef01-driver',
  parses:
    'Ef01Driver open → takeImage → uploadImage over a hostile module (replies replayed per command: packet reader, ACK/confirmation handling, ReadSysPara, image assembly), directly or through the CP2110 transport (configuration read-back, data reports); first byte: 0 serial, 1 CP2110',
  typedErrors:
    'FingerprintError and its subclasses (Ef01FrameError, Ef01ProtocolError, Ef01TimeoutError, Ef01ConfirmationError, TransportError)',
  setup: async () => {
    const sessions = [await recordEf01Session('R503'), await recordEf01Session('R307')]
    const config = encodeUartConfig(uart8N1(BAUD))
    const seeds = sessions.flatMap((segments) => {
      const [ready = new Uint8Array(0), first = new Uint8Array(0), ...rest] = segments
      const reports = [config, toInReports(joined(ready, first)), ...rest.map(toInReports)]
      return [
        joined(Uint8Array.of(0), encodeSegments(segments)),
        joined(Uint8Array.of(1), encodeSegments(reports)),
      ]
    })
    return {
      seeds,
      generated: withSelector(randomBytes(400)),
      structure: { tlv: false },
      mode: 'async',
      execute: ef01Session,
      isTyped: instanceOfAny(FingerprintError),
      maxBytes: 256 * 1024,
    }
  },
}

export const ef01Packets: FuzzTarget = {
  name: 'ef01-packets',
  parses:
    'Ef01PacketReader.push over arbitrary chunking (decodePacket, resynchronisation), parseSystemParameters of 17-byte ACKs, ImageUploadAssembler + unpackGrey4 over the data packets',
  typedErrors: 'Ef01FrameError (reported as events), Ef01ProtocolError',
  setup: async () => {
    const sessions = [await recordEf01Session('R503'), await recordEf01Session('R307')]
    return {
      seeds: sessions.flatMap((segments) => [
        joined(Uint8Array.of(0), ...segments),
        ...segments.filter((s) => s.length).map((s) => joined(Uint8Array.of(3), s)),
      ]),
      generated: fc.oneof(
        withSelector(randomBytes(600)),
        withSelector(
          fc
            .constant(Uint8Array.of(0xef, 0x01))
            .chain((h) => randomBytes(64).map((b) => joined(h, b))),
        ),
      ),
      structure: { tlv: false },
      mode: 'sync',
      execute: (input) => {
        const cut = (input[0] ?? 0) + 1
        const reader = new Ef01PacketReader()
        const r503 = (input.length & 1) === 0
        const upload = new ImageUploadAssembler(
          r503 ? { width: 192, height: 192, ppi: 500 } : { width: 256, height: 288, ppi: 500 },
        )
        const bytes = input.subarray(1)
        let packets = 0
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = Math.max(1 + ((i * 31 + cut) % (cut * 4)), minChunk(bytes.length))
          for (const event of reader.push(bytes.subarray(at, at + size))) {
            if (event.kind !== 'packet') continue
            packets++
            const { packet } = event
            if (packet.pid === PID.ACK && packet.payload.length === 1 + SYSTEM_PARAMETERS_SIZE)
              parseSystemParameters(packet.payload.subarray(1))
            if (packet.pid === PID.DATA || packet.pid === PID.END_DATA) {
              if (upload.add(packet).last) upload.image()
            }
          }
          at += size
        }
        return packets
      },
      isTyped: instanceOfAny(Ef01FrameError, Ef01ProtocolError),
    }
  },
}
