import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { VpcdFrameReader, frameVpcdMessage } from './vpcd-protocol'

describe('vpcd framing', () => {
  it('prefixes a big-endian 16-bit length', () => {
    expect(hex(frameVpcdMessage(fromHex('04')))).toBe('000104')
    expect(hex(frameVpcdMessage(new Uint8Array(0x0123)).subarray(0, 2))).toBe('0123')
    expect(() => frameVpcdMessage(new Uint8Array(0x10000))).toThrow(RangeError)
  })

  it('reassembles messages however TCP splits or joins them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          const stream = Uint8Array.from(messages.flatMap((m) => [...frameVpcdMessage(m)]))
          const reader = new VpcdFrameReader()
          const got: Uint8Array[] = []
          let at = 0
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length]!
            got.push(...reader.push(stream.subarray(at, at + size)))
            at += size
          }
          expect(got.map(hex)).toEqual(messages.map(hex))
          expect(reader.pendingBytes).toBe(0)
          reader.end()
        },
      ),
    )
  })

  it('reports a stream cut inside a message with ParseError only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const reader = new VpcdFrameReader()
        reader.push(bytes)
        try {
          reader.end()
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
          expect(reader.pendingBytes).toBeGreaterThan(0)
        }
      }),
    )
  })
})
