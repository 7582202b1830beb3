import { describe, expect, it } from 'vitest'
import { formatCccdQr } from '../../drivers/smartcard'
import { createZxingDecoder } from '../../renderer/src/components/qr/qr-decoder'
import { frameWith, qrImage, zxingReaderWasm } from '../support/qr-image'

// A real QR image through the real decoder: the card's payload from formatCccdQr, encoded by the
// qrcode package, drawn to RGBA, decoded by zxing-wasm's reader build loaded from node_modules.
const decode = createZxingDecoder({ binary: zxingReaderWasm() })

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

  it('finds the code in a camera-sized frame with the card off-centre', async () => {
    const payload = formatCccdQr({ ...card, oldIdNumber: null })
    expect(await decode(frameWith(qrImage(payload, 3), 640, 480, 300, 60))).toBe(payload)
  })

  it('answers null for a frame without a code', async () => {
    const blank = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(255) }
    expect(await decode(blank)).toBeNull()
  })
})
