import { createHash, sign } from 'node:crypto'
import fc from 'fast-check'
import { createTrustStore } from '../../../drivers/smartcard/pki/trust-store'
import {
  buildPacket,
  decodeInner,
  encodeInner,
  MANIFEST_SIGNING_CONTEXT,
  openEnvelope,
  openPacket,
  PacketError,
  parseEnvelope,
  sealEnvelope,
  SIGNATURE_LENGTH,
  type BuildPacketInput,
  type BuiltPacket,
  type OpenedPacket,
} from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { verifyChipData } from '../../../upstream/server/intake/chip-verification'
import { contentProblems } from '../../../upstream/server/intake/file-content'
import { sampleInput, testTerminal, type TestTerminal } from '../../../upstream/server/test-support'
import { generateUpstreamKeyPair, type KeyPair } from '../../../protocol/packet/keys'
import { randomBytes, randomJson } from '../engine/generators'
import type { JsonView } from '../engine/json-mutate'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'
import { fixturePki } from '../fixtures/fixture-keys'
import { simulatedChips, type ChipFiles } from '../seeds/chip'

interface FileFixture {
  terminal: TestTerminal
  upstream: KeyPair
  files: BuiltPacket[]
  /** The decrypted inner container of each file: what the envelope protects. */
  inners: Buffer[]
}

const FILE_IDS = ['5b0c7f1e-3f1d-4c55-9a0e-6f3b2a1d0c01', '5b0c7f1e-3f1d-4c55-9a0e-6f3b2a1d0c02']

function fileFixture(): FileFixture {
  const terminal = testTerminal('fuzz-terminal')
  const upstream = generateUpstreamKeyPair(seededRandom('fuzz-upstream'))
  const files = FILE_IDS.map((fileId, i) =>
    buildPacket(
      withChip(sampleInput(terminal, fileId, { simulated: i === 0 }), i),
      {
        terminalPrivateKey: terminal.keys.privateKey,
        terminalPublicKey: terminal.keys.publicKey,
        upstreamPublicKey: upstream.publicKey,
      },
      seededRandom(`fuzz-file:${fileId}`),
    ),
  )
  const inners = files.map((f) => openEnvelope(parseEnvelope(f.body), upstream.privateKey))
  return { terminal, upstream, files, inners }
}

/**
 * The sample file with the chip parts of a simulated chip signed by the fixture PKI: the same
 * bytes in every process, so a child can rebuild case N to save it.
 */
function withChip(input: BuildPacketInput, index: number): BuildPacketInput {
  const chip = simulatedChips()[index % simulatedChips().length] as ChipFiles
  const others = input.parts.filter((p) => p.kind !== 'chip.sod' && p.kind !== 'chip.dg')
  const octets = 'application/octet-stream'
  return {
    ...input,
    parts: [
      { name: 'chip/EF.SOD', kind: 'chip.sod', mediaType: octets, data: Buffer.from(chip.sod) },
      ...[...chip.dataGroups].map(([n, bytes]) => ({
        name: `chip/DG${n}`,
        kind: 'chip.dg' as const,
        mediaType: octets,
        data: Buffer.from(bytes),
      })),
      ...others,
    ],
  }
}

/** What the upstream's intake does with an opened file after the envelope: content, then chip. */
function intakeChecks(opened: OpenedPacket, trust: ReturnType<typeof createTrustStore>): string {
  const problems = contentProblems(opened)
  if (problems.length) return `refused: ${problems.length} problems`
  return verifyChipData(opened, trust).verdict
}

function chipTrust() {
  return createTrustStore([
    { name: 'csca.pem', bytes: Buffer.from(fixturePki().csca.certificatePem) },
  ])
}

export const fileSealed: FuzzTarget = {
  name: 'enrollment-file',
  parses:
    'openPacket on an encrypted enrollment file as the upstream receives it (envelope header, key unwrap, AES-GCM), then the intake content and chip checks',
  typedErrors: 'PacketError',
  setup: () => {
    const fixture = fileFixture()
    const trust = chipTrust()
    return {
      seeds: fixture.files.map((f) => new Uint8Array(f.body)),
      generated: fc.oneof(
        randomBytes(600),
        randomJson().map((j) => joined(Buffer.from('VNEF\x01\x00\x00\x00\x40', 'latin1'), j)),
      ),
      structure: { tlv: false },
      mode: 'sync',
      execute: (input) =>
        intakeChecks(
          openPacket(input, fixture.upstream.privateKey, fixture.terminal.keys.publicKey),
          trust,
        ),
      isTyped: instanceOfAny(PacketError),
    }
  },
}

/** The manifest JSON of an inner container: after its u32 length, up to the signature. */
const innerManifest: JsonView = {
  split(bytes) {
    if (bytes.length < 4) return null
    const length = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readUInt32BE(0)
    if (4 + length > bytes.length) return null
    return {
      before: new Uint8Array(0),
      json: Buffer.from(bytes.subarray(4, 4 + length)).toString('utf8'),
      after: bytes.subarray(4 + length),
    }
  },
  join(_before, json, after) {
    const manifest = Buffer.from(json, 'utf8')
    const head = Buffer.alloc(4)
    head.writeUInt32BE(manifest.length, 0)
    return new Uint8Array(Buffer.concat([head, manifest, after]))
  },
}

/**
 * Makes a mutated inner container one a terminal could have sent: every part hash in the manifest
 * recomputed over the bytes it now covers, and the manifest signed again. So the mutated parts and
 * manifest reach the schema, the part split and the chip checks instead of stopping at a hash or
 * the signature. Inputs that do not get that far are sealed as they are.
 */
function signedAsTerminal(input: Uint8Array, terminal: TestTerminal): Buffer {
  const plain = Buffer.from(input)
  let inner
  try {
    inner = decodeInner(plain)
  } catch {
    return plain
  }
  let manifest = inner.manifestBytes
  try {
    const json: unknown = JSON.parse(manifest.toString('utf8'))
    if (rehashParts(json, inner.partsBytes)) manifest = Buffer.from(JSON.stringify(json), 'utf8')
  } catch {
    // Not JSON: openPacket refuses it, signed or not.
  }
  const signature = sign(
    null,
    Buffer.concat([MANIFEST_SIGNING_CONTEXT, manifest]),
    terminal.keys.privateKey,
  )
  return encodeInner(manifest, signature.subarray(0, SIGNATURE_LENGTH), [inner.partsBytes])
}

function rehashParts(json: unknown, parts: Buffer): boolean {
  const list = (json as { parts?: unknown } | null)?.parts
  if (!Array.isArray(list)) return false
  let offset = 0
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return false
    const part = entry as { size?: unknown; sha256?: unknown }
    if (typeof part.size !== 'number' || !Number.isSafeInteger(part.size) || part.size < 0)
      return false
    const end = Math.min(offset + part.size, parts.length)
    part.sha256 = createHash('sha256').update(parts.subarray(offset, end)).digest('hex')
    offset = end
  }
  return true
}

export const fileDecrypted: FuzzTarget = {
  name: 'enrollment-file-inner',
  parses:
    'what openPacket reads after decryption (the inner container, the manifest JSON and schema, ids, the parts by size and hash), re-signed as a terminal would sign it, then the intake content and chip checks',
  typedErrors: 'PacketError',
  setup: () => {
    const fixture = fileFixture()
    const trust = chipTrust()
    const seedFile = fixture.files[0] as BuiltPacket
    const random = seededRandom('fuzz-seal')
    return {
      seeds: fixture.inners.slice(0, 1).map((b) => new Uint8Array(b)),
      generated: randomBytes(600),
      structure: { tlv: false, json: innerManifest },
      mode: 'sync',
      execute: (input) => {
        const body = sealEnvelope({
          fileId: seedFile.manifest.fileId,
          terminalId: fixture.terminal.terminalId,
          terminalKeyId: seedFile.manifest.terminal.keyId,
          recipientPublicKey: fixture.upstream.publicKey,
          plaintext: signedAsTerminal(input, fixture.terminal),
          randomBytes: random,
        })
        const opened = openPacket(
          body,
          fixture.upstream.privateKey,
          fixture.terminal.keys.publicKey,
        )
        return intakeChecks(opened, trust)
      },
      isTyped: instanceOfAny(PacketError),
    }
  },
}
