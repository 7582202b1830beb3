import type { KeyObject } from 'node:crypto'
import type { Receipt } from './schemas'
import { signBytes, verifyBytes } from './signature'

export const RECEIPT_SCHEME = 'KIOSK-RECEIPT-V1'

export type ReceiptFields = Omit<Receipt, 'signature' | 'keyId'>

/**
 * The string a receipt's signature covers: these lines joined by "\n", no trailing newline:
 * KIOSK-RECEIPT-V1, fileId, sha256, size (decimal), terminalId, receivedAt, keyId.
 */
export function receiptSigningString(fields: ReceiptFields & { keyId: string }): string {
  return [
    RECEIPT_SCHEME,
    fields.fileId,
    fields.sha256,
    String(fields.size),
    fields.terminalId,
    fields.receivedAt,
    fields.keyId,
  ].join('\n')
}

/** The upstream signs a receipt with its Ed25519 `signing` key. */
export function signReceipt(fields: ReceiptFields, privateKey: KeyObject, keyId: string): Receipt {
  const signature = signBytes(
    Buffer.from(receiptSigningString({ ...fields, keyId }), 'utf8'),
    privateKey,
  )
  return { ...fields, keyId, signature }
}

/**
 * The kiosk checks a receipt before it trusts it: signed by the pinned upstream signing key, and
 * about the file it sent (same id, hash and size).
 */
export function verifyReceipt(
  receipt: Receipt,
  upstreamSigningKey: KeyObject,
  expected?: { fileId: string; sha256: string; size: number },
): boolean {
  if (
    expected &&
    (receipt.fileId !== expected.fileId ||
      receipt.sha256 !== expected.sha256 ||
      receipt.size !== expected.size)
  )
    return false
  return verifyBytes(
    Buffer.from(receiptSigningString(receipt), 'utf8'),
    receipt.signature,
    upstreamSigningKey,
  )
}
