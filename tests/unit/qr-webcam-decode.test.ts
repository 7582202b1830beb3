import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { formatCccdQr } from '../../drivers/smartcard'
import { createZxingDecoder, type QrFrame } from '../../renderer/src/components/qr/qr-decoder'

// A real QR image through the real decoder: the card's payload from formatCccdQr, encoded by the
// qrcode package, drawn to RGBA, decoded by zxing-wasm's reader build loaded from node_modules.
const require = createRequire(import.meta.url)
const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
const decode = createZxingDecoder({
  binary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
})

/** The QR code of `text` as RGBA pixels: `scale` px a module, a 4-module quiet zone, on grey. */
function qrImage(text: string, scale = 4, background = 255): QrFrame {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const side = (modules.size + 8) * scale
  const data = new Uint8ClampedArray(side * side * 4).fill(background)
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4
          data.set([0, 0, 0, 255], at)
        }
      }
    }
  }
  return { width: side, height: side, data }
}

const card = {
  idNumber: '001099012345',
  oldIdNumber: '123456789',
  fullName: 'Nguyễn Thị Ánh Tuyết',
  dateOfBirth: '1999-03-15',
  sex: 'F' as const,
  address: 'Số 12, ngõ 34, Phường Láng Hạ, Quận Đống Đa, Hà Nội',
  dateOfIssue: '2021-04-10',
}

describe('QR decoding with zxing-wasm (reader build, wasm from node_modules)', () => {
  it('reads the CCCD payload, Vietnamese diacritics intact, out of a rendered QR image', async () => {
    const payload = formatCccdQr(card)
    expect(await decode(qrImage(payload))).toBe(payload)
  })

  it('finds the code in a larger frame with the card off-centre', async () => {
    const payload = formatCccdQr({ ...card, oldIdNumber: null })
    const qr = qrImage(payload, 3)
    const width = 640
    const height = 480
    const data = new Uint8ClampedArray(width * height * 4).fill(200)
    for (let y = 0; y < qr.height; y++) {
      const row = qr.data.subarray(y * qr.width * 4, (y + 1) * qr.width * 4)
      data.set(row, ((y + 60) * width + 300) * 4)
    }
    expect(await decode({ width, height, data })).toBe(payload)
  })

  it('answers null for a frame without a code', async () => {
    const blank = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(255) }
    expect(await decode(blank)).toBeNull()
  })
})
