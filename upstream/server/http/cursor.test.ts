import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../errors'
import { cursorToSeq, seqToCursor } from './sync-routes'

describe('status feed cursors', () => {
  it('round-trip every sequence number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 }), (seq) => {
        expect(cursorToSeq(seqToCursor(seq))).toBe(seq)
      }),
    )
  })

  it('refuse anything else with bad_request only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const seq = cursorToSeq(text)
          expect(seqToCursor(seq)).toBe(text.toLowerCase().replace(/^s0+(?=.)/, 's'))
        } catch (error) {
          expect(error).toBeInstanceOf(UpstreamError)
          expect((error as UpstreamError).code).toBe('bad_request')
        }
      }),
    )
    expect(() => cursorToSeq('zz')).toThrow(UpstreamError)
  })
})
