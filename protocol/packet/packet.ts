import { sign, verify, type KeyObject } from 'node:crypto'
import { decodeInner, encodeInner, MANIFEST_SIGNING_CONTEXT, SIGNATURE_LENGTH } from './container'
import {
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  type EnvelopeHeader,
  type ParsedEnvelope,
} from './envelope'
import { PacketError } from './errors'
import { keyIdOf, type RandomBytes } from './keys'
import {
  ManifestSchema,
  PACKET_FORMAT_VERSION,
  type Manifest,
  type ManifestApproval,
  type ManifestPart,
  type PartKind,
} from './manifest'
import { sha256Hex } from '../digest'
import { safeParse } from '../../lib/schema'

export interface PacketPartInput {
  name: string
  kind: PartKind
  mediaType: string
  data: Uint8Array
  /** Synthetic filler standing in for a device layer that does not exist yet. */
  placeholder?: boolean
}

export interface BuildPacketInput {
  fileId: string
  terminalId: string
  stationId: string
  officerId: string
  supervisorId?: string
  approvals?: readonly ManifestApproval[]
  startedAt: string
  submittedAt: string
  software: { name: string; version: string }
  simulated: boolean
  parts: readonly PacketPartInput[]
}

export interface BuildPacketKeys {
  /** The terminal's Ed25519 private key. */
  terminalPrivateKey: KeyObject
  terminalPublicKey: KeyObject
  /** The upstream's X25519 public key. */
  upstreamPublicKey: KeyObject
}

export interface BuiltPacket {
  /** The encrypted file as it is stored, exported and uploaded. */
  body: Buffer
  /** SHA-256 of `body`, hex: what is announced upstream and kept in the queue. */
  sha256: string
  size: number
  manifest: Manifest
}

function signManifest(manifestBytes: Buffer, privateKey: KeyObject): Buffer {
  return sign(null, Buffer.concat([MANIFEST_SIGNING_CONTEXT, manifestBytes]), privateKey)
}

/**
 * Builds one enrollment file: hashes every part, writes and signs the manifest with the terminal
 * key, and encrypts the lot to the upstream key. The kiosk keeps no way to decrypt the result.
 */
export function buildPacket(
  input: BuildPacketInput,
  keys: BuildPacketKeys,
  randomBytes: RandomBytes,
): BuiltPacket {
  const parts: ManifestPart[] = input.parts.map((p) => ({
    name: p.name,
    kind: p.kind,
    mediaType: p.mediaType,
    size: p.data.byteLength,
    sha256: sha256Hex(p.data),
    placeholder: p.placeholder ?? false,
  }))
  const terminalKeyId = keyIdOf(keys.terminalPublicKey)
  const candidate = {
    formatVersion: PACKET_FORMAT_VERSION,
    fileId: input.fileId,
    purpose: 'vneid.level2.enrollment',
    terminal: { id: input.terminalId, keyId: terminalKeyId },
    stationId: input.stationId,
    officerId: input.officerId,
    ...(input.supervisorId !== undefined ? { supervisorId: input.supervisorId } : {}),
    ...(input.approvals?.length ? { approvals: [...input.approvals] } : {}),
    times: { startedAt: input.startedAt, submittedAt: input.submittedAt },
    software: input.software,
    simulated: input.simulated,
    parts,
  }
  const parsed = safeParse(ManifestSchema, candidate)
  if (!parsed.success) throw new PacketError('invalid-input', parsed.error.message)
  const manifest = parsed.data
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8')
  const signature = signManifest(manifestBytes, keys.terminalPrivateKey)
  const plaintext = encodeInner(
    manifestBytes,
    signature,
    input.parts.map((p) => p.data),
  )
  const body = sealEnvelope({
    fileId: input.fileId,
    terminalId: input.terminalId,
    terminalKeyId,
    recipientPublicKey: keys.upstreamPublicKey,
    plaintext,
    randomBytes,
  })
  return { body, sha256: sha256Hex(body), size: body.length, manifest }
}

/** A terminal's public key, or a lookup by terminal id (e.g. the upstream's registry). */
export type TrustedTerminalKey =
  KeyObject | ((terminalId: string, keyId: string) => KeyObject | undefined)

export interface OpenedPart {
  entry: ManifestPart
  data: Buffer
}

export interface OpenedPacket {
  header: EnvelopeHeader
  manifest: Manifest
  parts: OpenedPart[]
  /** True when the manifest signature was checked against a trusted terminal key. */
  signatureVerified: boolean
}

/** The clear header of an encrypted file, without decrypting it (routing, early checks). */
export function readPacketHeader(body: Uint8Array): EnvelopeHeader {
  return parseEnvelope(body).header
}

/**
 * Decrypts and checks an enrollment file: envelope authentication, manifest schema, the header
 * and manifest agree on ids, every part's size and SHA-256, and, when a trusted key is given, the
 * terminal's signature. Throws PacketError (only) on any failure.
 */
export function openPacket(
  body: Uint8Array | ParsedEnvelope,
  upstreamPrivateKey: KeyObject,
  trustedTerminalPublicKey?: TrustedTerminalKey,
): OpenedPacket {
  // A caller that read the header first (parseEnvelope) passes it on instead of parsing twice.
  const envelope = body instanceof Uint8Array ? parseEnvelope(body) : body
  const { header } = envelope
  const plain = openEnvelope(envelope, upstreamPrivateKey)
  const inner = decodeInner(plain)

  let json: unknown
  try {
    json = JSON.parse(inner.manifestBytes.toString('utf8'))
  } catch {
    throw new PacketError('invalid-manifest', 'manifest is not JSON')
  }
  const parsed = safeParse(ManifestSchema, json)
  if (!parsed.success) throw new PacketError('invalid-manifest', parsed.error.message)
  const manifest = parsed.data
  if (
    manifest.fileId !== header.fileId ||
    manifest.terminal.id !== header.terminalId ||
    manifest.terminal.keyId !== header.terminalKeyId
  )
    throw new PacketError('invalid-manifest', 'header and manifest disagree on ids')

  let signatureVerified = false
  if (trustedTerminalPublicKey !== undefined) {
    const key =
      typeof trustedTerminalPublicKey === 'function'
        ? trustedTerminalPublicKey(manifest.terminal.id, manifest.terminal.keyId)
        : trustedTerminalPublicKey
    if (!key || keyIdOf(key) !== manifest.terminal.keyId)
      throw new PacketError('untrusted-terminal', `no trusted key ${manifest.terminal.keyId}`)
    const signed = Buffer.concat([MANIFEST_SIGNING_CONTEXT, inner.manifestBytes])
    if (inner.signature.length !== SIGNATURE_LENGTH || !verify(null, signed, key, inner.signature))
      throw new PacketError('bad-signature', 'manifest signature does not verify')
    signatureVerified = true
  }

  const parts: OpenedPart[] = []
  let offset = 0
  for (const entry of manifest.parts) {
    const end = offset + entry.size
    if (end > inner.partsBytes.length)
      throw new PacketError('hash-mismatch', `part ${entry.name} is truncated`)
    const data = inner.partsBytes.subarray(offset, end)
    if (sha256Hex(data) !== entry.sha256)
      throw new PacketError('hash-mismatch', `part ${entry.name} does not match its hash`)
    parts.push({ entry, data })
    offset = end
  }
  if (offset !== inner.partsBytes.length)
    throw new PacketError('hash-mismatch', 'bytes after the last part')
  return { header, manifest, parts, signatureVerified }
}
