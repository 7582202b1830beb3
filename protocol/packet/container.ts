import { PacketError } from './errors'

/**
 * The inner (encrypted) layout: the manifest's exact bytes, the terminal's signature over them, then
 * the parts back to back in manifest order.
 *
 *   manifest length u32 BE | manifest JSON | Ed25519 signature (64) | part 1 | part 2 | …
 */
export const SIGNATURE_LENGTH = 64
export const MAX_MANIFEST_LENGTH = 256 * 1024

/** Domain separation: a manifest signature can never be mistaken for a request or receipt one. */
export const MANIFEST_SIGNING_CONTEXT = Buffer.from('vneid-enrollment-file/v1 manifest\0', 'ascii')

export interface InnerContainer {
  manifestBytes: Buffer
  signature: Buffer
  partsBytes: Buffer
}

export function encodeInner(
  manifestBytes: Buffer,
  signature: Buffer,
  parts: readonly Uint8Array[],
): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt32BE(manifestBytes.length, 0)
  return Buffer.concat([head, manifestBytes, signature, ...parts])
}

export function decodeInner(plain: Buffer): InnerContainer {
  if (plain.length < 4) throw new PacketError('malformed', 'inner container too short')
  const manifestLength = plain.readUInt32BE(0)
  if (manifestLength > MAX_MANIFEST_LENGTH || 4 + manifestLength + SIGNATURE_LENGTH > plain.length)
    throw new PacketError('malformed', 'manifest length out of range')
  const manifestEnd = 4 + manifestLength
  return {
    manifestBytes: plain.subarray(4, manifestEnd),
    signature: plain.subarray(manifestEnd, manifestEnd + SIGNATURE_LENGTH),
    partsBytes: plain.subarray(manifestEnd + SIGNATURE_LENGTH),
  }
}
