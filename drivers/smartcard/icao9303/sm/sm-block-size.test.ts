import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex } from '../../../../lib/bytes'
import { ICAO_VECTORS } from '../test-vectors'
import type { SessionKeys } from './session-keys'
import {
  largestProtectedPlain,
  protectCommand,
  protectedResponseBytes,
  protectResponse,
} from './sm-codec'
import { SmCrypto } from './sm-crypto'

const { sm3des, smAes } = ICAO_VECTORS
const SESSIONS: Record<8 | 16, SessionKeys> = {
  8: {
    cipher: '3DES',
    encKey: fromHex(sm3des.ksEnc),
    macKey: fromHex(sm3des.ksMac),
    ssc: 0n,
  },
  16: {
    cipher: 'AES-128',
    encKey: fromHex(smAes.aes128.ksEnc),
    macKey: fromHex(smAes.aes128.ksMac),
    ssc: 0n,
  },
}

/** The data bytes of the protected answer the card really builds for `plain` bytes. */
function realProtectedSize(blockSize: 8 | 16, plain: number): number {
  const card = new SmCrypto(SESSIONS[blockSize])
  return protectResponse(card, { data: new Uint8Array(plain), sw: 0x9000 }, false).data.length
}

describe('protectedResponseBytes', () => {
  it("counts DO'87', DO'99' and DO'8E' as the card encodes them, for both ciphers", () => {
    for (const blockSize of [8, 16] as const) {
      for (const plain of [1, 7, 8, 15, 16, 100, 223, 239, 240, 4000, 20_000]) {
        expect(protectedResponseBytes(blockSize, plain)).toBe(realProtectedSize(blockSize, plain))
      }
    }
  })
})

describe('largestProtectedPlain: a READ BINARY block that fits the negotiated maximum', () => {
  it('fits a short response (256 bytes): 231 plain bytes under 3DES, 223 under AES', () => {
    expect(largestProtectedPlain(8, 256)).toBe(231)
    expect(largestProtectedPlain(16, 256)).toBe(223)
  })

  it('fills the maximum: the block fits, one byte more does not (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(8 as const, 16 as const),
        fc.integer({ min: 64, max: 65536 }),
        (blockSize, maxResponseData) => {
          const plain = largestProtectedPlain(blockSize, maxResponseData)
          expect(protectedResponseBytes(blockSize, plain)).toBeLessThanOrEqual(maxResponseData)
          expect(protectedResponseBytes(blockSize, plain + 1)).toBeGreaterThan(maxResponseData)
        },
      ),
    )
  })

  it('is what the card really sends back within the maximum, at 4096 bytes', () => {
    for (const blockSize of [8, 16] as const) {
      const plain = largestProtectedPlain(blockSize, 4096)
      expect(realProtectedSize(blockSize, plain)).toBeLessThanOrEqual(4096)
      expect(realProtectedSize(blockSize, plain + 1)).toBeGreaterThan(4096)
    }
  })
})

describe('protectCommand under negotiated limits', () => {
  it("asks no more than the link's largest response in the protected Le", () => {
    const sm = new SmCrypto(SESSIONS[16])
    const readBinary = { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4000 }
    const limited = protectCommand(sm, readBinary, { extendedLength: true, maxResponseData: 4096 })
    expect(limited.le).toBe(4096)
    const open = protectCommand(sm, readBinary, { extendedLength: true })
    expect(open.le).toBe(65536)
    expect(protectCommand(sm, readBinary, { extendedLength: false }).le).toBe(256)
  })
})
