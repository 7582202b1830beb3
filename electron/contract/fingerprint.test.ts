import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeParse } from '../../lib/schema'
import { requests } from './channels'
import {
  FINGERPRINT_PREVIEW_BASE64_MAX,
  FingerprintPreviewEventSchema,
  fingerNames,
  MarkMissingInputSchema,
  missingFingerReasons,
} from './fingerprint'

const finger = fc.constantFrom(...fingerNames)
const reason = fc.constantFrom(...missingFingerReasons)

describe('fingerprint contract schemas', () => {
  it('accept exactly a known finger and reason, with a short note and nothing else', () => {
    fc.assert(
      fc.property(
        fc.record({ finger: fc.oneof(finger, fc.string()), reason: fc.oneof(reason, fc.string()) }),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }),
        (input, note, extraKey) => {
          const payload: Record<string, unknown> = { ...input }
          if (note !== undefined) payload.note = note
          if (extraKey !== undefined) payload[`x-${extraKey}`] = 1
          const parsed = safeParse(MarkMissingInputSchema, payload)
          const valid =
            (fingerNames as readonly string[]).includes(input.finger) &&
            (missingFingerReasons as readonly string[]).includes(input.reason) &&
            (note === undefined || note.trim().length <= 200) &&
            extraKey === undefined
          expect(parsed.success).toBe(valid)
        },
      ),
    )
  })

  it('never throw on hostile input, and bound the preview', () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        expect(() => safeParse(requests['fingerprint.capture'].input, payload)).not.toThrow()
        expect(() => safeParse(FingerprintPreviewEventSchema, payload)).not.toThrow()
      }),
    )
    const preview = { finger: 'left-thumb', attempt: 1, width: 320, height: 320 }
    const big = 'A'.repeat(FINGERPRINT_PREVIEW_BASE64_MAX + 1)
    expect(safeParse(FingerprintPreviewEventSchema, { ...preview, pngBase64: big }).success).toBe(
      false,
    )
    expect(
      safeParse(FingerprintPreviewEventSchema, {
        ...preview,
        width: 321,
        pngBase64: 'A'.repeat(64),
      }).success,
    ).toBe(false)
  })
})
