import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PacketError } from './errors'
import { generateTerminalKeyPair, generateUpstreamKeyPair } from './keys'
import { sha256Hex } from '../digest'
import { encodeInner, SIGNATURE_LENGTH } from './container'
import { ENVELOPE_VERSION, PACKET_MAGIC, sealEnvelope } from './envelope'
import { buildPacket, openPacket, readPacketHeader } from './packet'
import { samplePacketInput, seededRandom, testKeys } from './test-fixtures'

const keys = testKeys()

function built(seed = 'file') {
  return buildPacket(samplePacketInput(), keys.build, seededRandom(seed))
}

function expectCode(fn: () => unknown, code: string) {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(PacketError)
    expect((error as PacketError).code).toBe(code)
    return
  }
  throw new Error(`expected PacketError ${code}`)
}

describe('enrollment packet', () => {
  it('round-trips: the upstream opens, verifies and gets every part back', () => {
    const packet = built()
    expect(packet.sha256).toBe(sha256Hex(packet.body))
    expect(packet.size).toBe(packet.body.length)
    const opened = openPacket(packet.body, keys.upstream.privateKey, keys.terminal.publicKey)
    expect(opened.signatureVerified).toBe(true)
    expect(opened.manifest).toEqual(packet.manifest)
    expect(opened.manifest.terminal.keyId).toBe(keys.terminal.keyId)
    const input = samplePacketInput()
    expect(opened.parts.map((p) => [p.entry.name, p.data.toString('hex')])).toEqual(
      input.parts.map((p) => [p.name, Buffer.from(p.data).toString('hex')]),
    )
    expect(opened.manifest.parts.find((p) => p.name === 'portrait')?.placeholder).toBe(true)
    expect(opened.manifest.parts.find((p) => p.name === 'consent')?.placeholder).toBe(false)
  })

  it('is deterministic under injected randomness and different under another seed', () => {
    expect(built('a').body.equals(built('a').body)).toBe(true)
    expect(built('a').body.equals(built('b').body)).toBe(false)
  })

  it('holds no part in the clear, and the clear header holds only ids', () => {
    const body = built().body
    expect(body.includes(Buffer.from('{"agreed":true}'))).toBe(false)
    expect(body.includes(Buffer.alloc(64, 7))).toBe(false)
    const header = readPacketHeader(body)
    expect(header.fileId).toBe(samplePacketInput().fileId)
    expect(header.terminalKeyId).toBe(keys.terminal.keyId)
    expect(header.recipient.keyId).toBe(keys.upstream.keyId)
  })

  it('opens without a trusted key but says the signature was not checked', () => {
    expect(openPacket(built().body, keys.upstream.privateKey).signatureVerified).toBe(false)
  })

  it('looks the terminal key up by id when given a resolver', () => {
    const body = built().body
    const seen: string[] = []
    openPacket(body, keys.upstream.privateKey, (id, keyId) => {
      seen.push(id, keyId)
      return keys.terminal.publicKey
    })
    expect(seen).toEqual(['terminal-1', keys.terminal.keyId])
    expectCode(
      () => openPacket(body, keys.upstream.privateKey, () => undefined),
      'untrusted-terminal',
    )
  })

  it('refuses a key it was not wrapped for, and a signature by another terminal', () => {
    const body = built().body
    const other = generateUpstreamKeyPair(seededRandom('other'))
    expectCode(() => openPacket(body, other.privateKey), 'wrong-recipient')
    expectCode(() => openPacket(body, keys.terminal.privateKey), 'wrong-recipient')
    const impostor = generateTerminalKeyPair(seededRandom('impostor'))
    expectCode(
      () => openPacket(body, keys.upstream.privateKey, impostor.publicKey),
      'untrusted-terminal',
    )
  })

  it('catches a signature made by a different key that claims the trusted key id', () => {
    const impostor = generateTerminalKeyPair(seededRandom('impostor'))
    const forged = buildPacket(
      samplePacketInput(),
      { ...keys.build, terminalPrivateKey: impostor.privateKey },
      seededRandom('x'),
    )
    expectCode(
      () => openPacket(forged.body, keys.upstream.privateKey, keys.terminal.publicKey),
      'bad-signature',
    )
  })

  it('refuses every flipped bit of the body or header', () => {
    const body = built().body
    const positions = [0, 4, 6, 20, 100, body.length - 40, body.length - 1]
    for (const at of positions) {
      const tampered = Buffer.from(body)
      tampered[at] = (tampered[at] ?? 0) ^ 1
      expect(() => openPacket(tampered, keys.upstream.privateKey, keys.terminal.publicKey)).toThrow(
        PacketError,
      )
    }
  })

  it('refuses bad input when building, with a typed error', () => {
    expectCode(
      () => buildPacket(samplePacketInput({ fileId: 'not-a-uuid' }), keys.build, seededRandom('x')),
      'invalid-input',
    )
    const dup = samplePacketInput()
    expectCode(
      () =>
        buildPacket(
          { ...dup, parts: [...dup.parts, dup.parts[0]!] },
          keys.build,
          seededRandom('x'),
        ),
      'invalid-input',
    )
  })

  it('refuses a manifest that breaks zod (the outside fuzzer’s) before any signature check', () => {
    const input = samplePacketInput()
    const manifest = Buffer.from('{"terminal":{"id":{"length":{"toString":""}}}}')
    const body = sealEnvelope({
      fileId: input.fileId,
      terminalId: input.terminalId,
      terminalKeyId: keys.terminal.keyId,
      recipientPublicKey: keys.upstream.publicKey,
      plaintext: encodeInner(manifest, Buffer.alloc(SIGNATURE_LENGTH), []),
      randomBytes: seededRandom('hostile manifest'),
    })
    let keyLookups = 0
    const trusted = () => {
      keyLookups++
      return keys.terminal.publicKey
    }
    expectCode(() => openPacket(body, keys.upstream.privateKey, trusted), 'invalid-manifest')
    expect(keyLookups).toBe(0)
  })

  it('refuses a clear header that breaks zod as malformed', () => {
    const header = Buffer.from('{"terminalId":{"length":{"toString":""}}}')
    const prefix = Buffer.alloc(9)
    PACKET_MAGIC.copy(prefix)
    prefix.writeUInt8(ENVELOPE_VERSION, 4)
    prefix.writeUInt32BE(header.length, 5)
    const body = Buffer.concat([prefix, header, Buffer.alloc(16)])
    expectCode(() => readPacketHeader(body), 'malformed')
  })

  it('lets only PacketError escape from any byte string (fuzz)', () => {
    const body = built().body
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .record({
              at: fc.nat(body.length - 1),
              bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
            })
            .map(({ at, bytes }) => {
              const copy = Buffer.from(body)
              Buffer.from(bytes).copy(copy, at)
              return copy
            }),
          fc.nat(body.length).map((n) => body.subarray(0, n)),
        ),
        (bytes) => {
          try {
            openPacket(bytes, keys.upstream.privateKey, keys.terminal.publicKey)
          } catch (error) {
            if (!(error instanceof PacketError)) throw error
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
