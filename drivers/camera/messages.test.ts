import { describe, expect, it } from 'vitest'
import { formatMessage, hasMessage } from '../../lib/messages'
import { ImageError, imageErrorCodes, type ImageErrorParams } from './image/errors'
import { FaceRecordError, faceRecordErrorCodes, type FaceRecordErrorParams } from './record/errors'
import { TokenError, tokenErrorCodes, type TokenErrorParams } from './token/errors'

/** One value for every parameter any camera message takes. */
const PARAMS = {
  format: 'JPEG',
  width: 1,
  height: 2,
  maxSide: 3,
  minWidth: 4,
  maxWidth: 5,
  field: 'gender',
  count: 6,
  max: 7,
  value: '8',
  dataType: 'png',
  bytes: 9,
}

describe('camera messages', () => {
  const errors = [
    ...imageErrorCodes.map((c) => new ImageError(c, PARAMS as ImageErrorParams[typeof c])),
    ...tokenErrorCodes.map((c) => new TokenError(c, PARAMS as TokenErrorParams[typeof c])),
    ...faceRecordErrorCodes.map(
      (c) => new FaceRecordError(c, PARAMS as FaceRecordErrorParams[typeof c]),
    ),
  ]

  it('has a Vietnamese and an English text for every code, with every placeholder filled', () => {
    for (const error of errors) {
      expect(hasMessage(error.messageKey), `${error.code} → ${error.messageKey}`).toBe(true)
      for (const language of ['vi', 'en'] as const) {
        const text = formatMessage(language, error.messageKey, PARAMS)
        expect(text, `${error.code} (${language})`).not.toMatch(/\{\{/)
      }
    }
  })

  it('gives every code its own text', () => {
    expect(new Set(errors.map((e) => e.messageKey)).size).toBe(errors.length)
  })
})
