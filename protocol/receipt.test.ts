import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyIdOf } from './keys'
import { receiptSigningString, signReceipt, verifyReceipt } from './receipt'
import { ReceiptSchema } from './schemas'
import { parse } from '../lib/schema'

const upstream = generateKeyPairSync('ed25519')
const impostor = generateKeyPairSync('ed25519')
const keyId = keyIdOf(upstream.publicKey)
const fields = {
  fileId: '0b9d7a4e-3f51-4c1a-9d1e-2a6f1c0b7e55',
  sha256: 'a'.repeat(64),
  size: 1234,
  terminalId: 'T-1',
  receivedAt: '2026-03-01T08:00:00.000Z',
}

describe('receipts', () => {
  it('signs a receipt that parses and verifies against the expected file', () => {
    const receipt = signReceipt(fields, upstream.privateKey, keyId)
    expect(parse(ReceiptSchema, receipt)).toEqual(receipt)
    expect(verifyReceipt(receipt, upstream.publicKey)).toBe(true)
    expect(verifyReceipt(receipt, upstream.publicKey, fields)).toBe(true)
  })

  it('covers every field: any change breaks it', () => {
    const receipt = signReceipt(fields, upstream.privateKey, keyId)
    const changes = {
      fileId: '0b9d7a4e-3f51-4c1a-9d1e-2a6f1c0b7e56',
      sha256: 'b'.repeat(64),
      size: 1235,
      terminalId: 'T-2',
      receivedAt: '2026-03-01T08:00:01.000Z',
      keyId: '0'.repeat(32),
    }
    for (const [name, value] of Object.entries(changes)) {
      expect(verifyReceipt({ ...receipt, [name]: value }, upstream.publicKey), name).toBe(false)
    }
  })

  it('refuses a receipt by another key or about another file', () => {
    const forged = signReceipt(fields, impostor.privateKey, keyId)
    expect(verifyReceipt(forged, upstream.publicKey)).toBe(false)
    const receipt = signReceipt(fields, upstream.privateKey, keyId)
    expect(verifyReceipt(receipt, upstream.publicKey, { ...fields, sha256: 'c'.repeat(64) })).toBe(
      false,
    )
  })

  it('signs the documented string', () => {
    expect(receiptSigningString({ ...fields, keyId: 'k' })).toBe(
      `KIOSK-RECEIPT-V1\n${fields.fileId}\n${'a'.repeat(64)}\n1234\nT-1\n2026-03-01T08:00:00.000Z\nk`,
    )
  })
})
