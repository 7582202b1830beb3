import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  type KeyObject,
} from 'node:crypto'
import { z } from 'zod'
import { PacketError } from './errors'
import { ephemeralKeyPair, keyIdOf, rawPublicKey, type RandomBytes } from './keys'
import { safeParse } from '../../lib/schema'

/**
 * The outer layer of an enrollment file: a clear header (ids and the wrapped data key), then the
 * inner container encrypted with AES-256-GCM under a fresh data key. The data key is wrapped to
 * the upstream's X25519 key through an ephemeral key agreement, so only the upstream can open it.
 *
 *   "VNEF" | version u8 | header length u32 BE | header JSON | ciphertext | GCM tag (16)
 *
 * The whole prefix (magic to header) is the GCM additional data: editing the header breaks the body.
 */
export const PACKET_MAGIC = Buffer.from('VNEF', 'ascii')
export const ENVELOPE_VERSION = 1
export const KEY_WRAP_ALG = 'X25519-HKDF-SHA256-A256GCMKW'
export const BODY_ALG = 'A256GCM'
const HKDF_INFO = Buffer.from('vneid-enrollment-file/v1 key-wrap', 'ascii')
const PREFIX_LENGTH = PACKET_MAGIC.length + 1 + 4
const MAX_HEADER_LENGTH = 16 * 1024
const TAG_LENGTH = 16

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)

export const EnvelopeHeaderSchema = z
  .object({
    fileId: z.string().uuid(),
    terminalId: z.string().min(1).max(100),
    terminalKeyId: z.string().regex(/^[0-9a-f]{32}$/),
    recipient: z
      .object({
        alg: z.literal(KEY_WRAP_ALG),
        keyId: z.string().regex(/^[0-9a-f]{32}$/),
        /** Ephemeral X25519 public key, raw 32 bytes. */
        epk: B64,
        iv: B64,
        /** The 32-byte data key encrypted under the derived key, followed by its 16-byte tag. */
        wrappedKey: B64,
      })
      .strict(),
    body: z.object({ alg: z.literal(BODY_ALG), iv: B64 }).strict(),
  })
  .strict()
export type EnvelopeHeader = z.infer<typeof EnvelopeHeaderSchema>

export interface SealInput {
  fileId: string
  terminalId: string
  terminalKeyId: string
  recipientPublicKey: KeyObject
  plaintext: Buffer
  randomBytes: RandomBytes
}

function wrappingKey(shared: Buffer, epk: Buffer, recipientRaw: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipientRaw]), HKDF_INFO, 32))
}

function x25519PublicFromRaw(raw: Buffer): KeyObject {
  // As a JWK: several times cheaper to import than the equivalent SPKI DER, and this runs per file.
  const jwk = { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }
  return createPublicKey({ key: jwk, format: 'jwk' })
}

export function sealEnvelope(input: SealInput): Buffer {
  const dataKey = input.randomBytes(32)
  const ephemeral = ephemeralKeyPair(input.randomBytes)
  const epk = rawPublicKey(ephemeral.publicKey)
  const recipientRaw = rawPublicKey(input.recipientPublicKey)
  const shared = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: input.recipientPublicKey,
  })
  const kek = wrappingKey(shared, epk, recipientRaw)
  const wrapIv = input.randomBytes(12)
  const wrap = createCipheriv('aes-256-gcm', kek, wrapIv)
  wrap.setAAD(Buffer.from(input.fileId, 'utf8'))
  const wrappedKey = Buffer.concat([wrap.update(dataKey), wrap.final(), wrap.getAuthTag()])

  const bodyIv = input.randomBytes(12)
  const header: EnvelopeHeader = {
    fileId: input.fileId,
    terminalId: input.terminalId,
    terminalKeyId: input.terminalKeyId,
    recipient: {
      alg: KEY_WRAP_ALG,
      keyId: keyIdOf(input.recipientPublicKey),
      epk: epk.toString('base64'),
      iv: wrapIv.toString('base64'),
      wrappedKey: wrappedKey.toString('base64'),
    },
    body: { alg: BODY_ALG, iv: bodyIv.toString('base64') },
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const prefix = Buffer.alloc(PREFIX_LENGTH)
  PACKET_MAGIC.copy(prefix, 0)
  prefix.writeUInt8(ENVELOPE_VERSION, 4)
  prefix.writeUInt32BE(headerBytes.length, 5)
  const aad = Buffer.concat([prefix, headerBytes])

  const cipher = createCipheriv('aes-256-gcm', dataKey, bodyIv)
  cipher.setAAD(aad)
  return Buffer.concat([aad, cipher.update(input.plaintext), cipher.final(), cipher.getAuthTag()])
}

export interface ParsedEnvelope {
  header: EnvelopeHeader
  aad: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/** Reads the clear header without decrypting: what a server needs to route and check the file. */
export function parseEnvelope(body: Uint8Array): ParsedEnvelope {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (buf.length < PREFIX_LENGTH + TAG_LENGTH || !buf.subarray(0, 4).equals(PACKET_MAGIC))
    throw new PacketError('malformed', 'not an enrollment file')
  const version = buf.readUInt8(4)
  if (version !== ENVELOPE_VERSION)
    throw new PacketError('unsupported-version', `envelope version ${version}`)
  const headerLength = buf.readUInt32BE(5)
  if (headerLength > MAX_HEADER_LENGTH || PREFIX_LENGTH + headerLength + TAG_LENGTH > buf.length)
    throw new PacketError('malformed', 'header length out of range')
  const headerEnd = PREFIX_LENGTH + headerLength
  let json: unknown
  try {
    json = JSON.parse(buf.subarray(PREFIX_LENGTH, headerEnd).toString('utf8'))
  } catch {
    throw new PacketError('malformed', 'header is not JSON')
  }
  const parsed = safeParse(EnvelopeHeaderSchema, json)
  if (!parsed.success) throw new PacketError('malformed', `header: ${parsed.error.message}`)
  return {
    header: parsed.data,
    aad: buf.subarray(0, headerEnd),
    ciphertext: buf.subarray(headerEnd, buf.length - TAG_LENGTH),
    tag: buf.subarray(buf.length - TAG_LENGTH),
  }
}

/** The recipient's public key (id and raw bytes) derived once per private key: every file needs it. */
const recipients = new WeakMap<KeyObject, { keyId: string; raw: Buffer }>()

function recipientOf(privateKey: KeyObject): { keyId: string; raw: Buffer } {
  const known = recipients.get(privateKey)
  if (known) return known
  let publicKey: KeyObject
  try {
    publicKey = createPublicKey(privateKey)
  } catch {
    throw new PacketError('wrong-recipient', 'not an X25519 private key')
  }
  if (publicKey.asymmetricKeyType !== 'x25519')
    throw new PacketError('wrong-recipient', 'not an X25519 private key')
  const recipient = { keyId: keyIdOf(publicKey), raw: rawPublicKey(publicKey) }
  recipients.set(privateKey, recipient)
  return recipient
}

export function openEnvelope(envelope: ParsedEnvelope, recipientPrivateKey: KeyObject): Buffer {
  const { header } = envelope
  const recipient = recipientOf(recipientPrivateKey)
  if (recipient.keyId !== header.recipient.keyId)
    throw new PacketError('wrong-recipient', `wrapped for key ${header.recipient.keyId}`)
  const epk = Buffer.from(header.recipient.epk, 'base64')
  const wrapIv = Buffer.from(header.recipient.iv, 'base64')
  const wrapped = Buffer.from(header.recipient.wrappedKey, 'base64')
  const bodyIv = Buffer.from(header.body.iv, 'base64')
  if (epk.length !== 32 || wrapIv.length !== 12 || wrapped.length !== 48 || bodyIv.length !== 12)
    throw new PacketError('malformed', 'key wrap fields have the wrong length')
  try {
    const shared = diffieHellman({
      privateKey: recipientPrivateKey,
      publicKey: x25519PublicFromRaw(epk),
    })
    const kek = wrappingKey(shared, epk, recipient.raw)
    const unwrap = createDecipheriv('aes-256-gcm', kek, wrapIv)
    unwrap.setAAD(Buffer.from(header.fileId, 'utf8'))
    unwrap.setAuthTag(wrapped.subarray(32))
    const dataKey = Buffer.concat([unwrap.update(wrapped.subarray(0, 32)), unwrap.final()])
    const decipher = createDecipheriv('aes-256-gcm', dataKey, bodyIv)
    decipher.setAAD(envelope.aad)
    decipher.setAuthTag(envelope.tag)
    const plain = decipher.update(envelope.ciphertext)
    // GCM has no padding: final() only checks the tag and adds no bytes, so nothing is copied.
    const rest = decipher.final()
    return rest.length === 0 ? plain : Buffer.concat([plain, rest])
  } catch {
    throw new PacketError('decrypt-failed', 'authentication failed (tampered or wrong key)')
  }
}
