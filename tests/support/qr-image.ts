import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import type { QrFrame } from '../../renderer/src/components/qr/qr-decoder'

/** zxing-wasm's reader .wasm from node_modules, as the bytes `createZxingDecoder` takes. */
export function zxingReaderWasm(): ArrayBuffer {
  const require = createRequire(import.meta.url)
  const file = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer
}

/** The QR code of `text` as RGBA pixels: `scale` px a module, a 4-module quiet zone, white. */
export function qrImage(text: string, scale = 4): QrFrame {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const side = (modules.size + 8) * scale
  const data = new Uint8ClampedArray(side * side * 4).fill(255)
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + 4) * scale + dy) * side
        for (let dx = 0; dx < scale; dx++)
          data.set([0, 0, 0, 255], (row + (x + 4) * scale + dx) * 4)
      }
    }
  }
  return { width: side, height: side, data }
}

/** A `width`×`height` grey camera frame with `qr` pasted at (`left`, `top`). */
export function frameWith(qr: QrFrame, width: number, height: number, left: number, top: number) {
  const data = new Uint8ClampedArray(width * height * 4).fill(200)
  for (let y = 0; y < qr.height; y++) {
    const row = qr.data.subarray(y * qr.width * 4, (y + 1) * qr.width * 4)
    data.set(row, ((y + top) * width + left) * 4)
  }
  return { width, height, data }
}
