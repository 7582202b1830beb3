import { createFramer, encodeScan } from '../../drivers/barcode'
import { formatCccdQr } from '../../drivers/smartcard'
import { createZxingDecoder } from '../../renderer/src/components/qr/qr-decoder'
import { frameWith, qrImage, zxingReaderWasm } from '../support/qr-image'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const PAYLOAD = formatCccdQr({
  idNumber: '001099012345',
  oldIdNumber: '123456789',
  fullName: 'Nguyễn Thị Ánh Tuyết',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  address: 'Số 12, ngõ 34, Phường Láng Hạ, Quận Đống Đa, Hà Nội',
  dateOfIssue: '2021-04-10',
})

/** The webcam's frame budget (zxing in the renderer, one frame every 200 ms) and serial framing. */
export const barcodeBench: BenchSuite = {
  name: 'barcode',
  description: 'QR decode of a camera frame (zxing-wasm reader) and serial scanner framing',
  async run(print) {
    const decode = createZxingDecoder({ binary: zxingReaderWasm() })
    for (const [label, width, height, scale] of [
      ['decode 640×480, QR 3 px/module', 640, 480, 3],
      ['decode 1280×720, QR 4 px/module', 1280, 720, 4],
      ['decode 1280×720, no QR', 1280, 720, 0],
    ] as const) {
      const frame =
        scale === 0
          ? { width, height, data: new Uint8ClampedArray(width * height * 4).fill(200) }
          : frameWith(qrImage(PAYLOAD, scale), width, height, 200, 80)
      const expected = scale === 0 ? null : PAYLOAD
      if ((await decode(frame)) !== expected) throw new Error(`bench setup: ${label}`)
      print(formatTiming(label, await time(() => decode(frame), 30, 3)))
    }
    const scans = Array.from({ length: 100 }, () => encodeScan(PAYLOAD, { terminator: 'CRLF' }))
    const stream = Uint8Array.from(scans.flatMap((s) => [...s]))
    print(
      formatTiming(
        `frame 100 scans (${stream.length} B, 64 B chunks)`,
        await time(() => {
          const framer = createFramer()
          for (let at = 0; at < stream.length; at += 64)
            framer.push(stream.subarray(at, at + 64), at)
        }, 200),
      ),
    )
  },
}
