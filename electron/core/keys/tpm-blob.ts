import { KeyProtectionError } from './key-protection-error'

/** The two halves tpm2_create writes for a sealed data object (TPM2B_PUBLIC, TPM2B_PRIVATE). */
export interface TpmSealedObject {
  public: Buffer
  private: Buffer
}

const VERSION = 1
/** Far above what a sealed data object's halves take (about 100 and 200 bytes). */
const MAX_PART_BYTES = 4096

/** version u8 | public length u16 BE | public | private length u16 BE | private. */
export function encodeTpmBlob(object: TpmSealedObject): Buffer {
  const length = (part: Buffer) => {
    const out = Buffer.alloc(2)
    out.writeUInt16BE(part.length)
    return out
  }
  return Buffer.concat([
    Buffer.from([VERSION]),
    length(object.public),
    object.public,
    length(object.private),
    object.private,
  ])
}

/** Throws KeyProtectionError('sealedDamaged') for any blob encodeTpmBlob did not make. */
export function parseTpmBlob(blob: Uint8Array): TpmSealedObject {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  const damaged = (detail: string) => new KeyProtectionError('sealedDamaged', {}, detail)
  if (buf.length < 5 || buf[0] !== VERSION) throw damaged('not a TPM blob')
  const publicLength = buf.readUInt16BE(1)
  const privateAt = 3 + publicLength
  if (publicLength === 0 || publicLength > MAX_PART_BYTES || privateAt + 2 > buf.length)
    throw damaged('bad public part')
  const privateLength = buf.readUInt16BE(privateAt)
  if (privateLength === 0 || privateLength > MAX_PART_BYTES) throw damaged('bad private part')
  if (privateAt + 2 + privateLength !== buf.length) throw damaged('bad length')
  return {
    public: Buffer.from(buf.subarray(3, privateAt)),
    private: Buffer.from(buf.subarray(privateAt + 2)),
  }
}
