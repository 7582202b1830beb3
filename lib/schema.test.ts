import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parse, safeParse } from './schema'

/** The outside fuzzer's value: a `length` that cannot be turned into a primitive. */
const unconvertibleLength = { length: { toString: '' } }
const schema = z.object({ id: z.string().min(1).max(100) })

describe('safeParse', () => {
  it('turns the exception zod raises on an unconvertible length into a failed result', () => {
    // zod's own method, to show what the wrapper guards against (and notice when zod fixes it).
    // eslint-disable-next-line no-restricted-syntax
    expect(() => schema.safeParse({ id: unconvertibleLength })).toThrow(TypeError)
    const result = safeParse(schema, { id: unconvertibleLength })
    expect(result.success).toBe(false)
    expect(result.error?.issues).toEqual([
      {
        code: 'custom',
        path: [],
        message:
          'the schema could not check this value (TypeError: Cannot convert object to primitive value)',
      },
    ])
    expect(z.prettifyError(result.error!)).toContain('could not check this value')
  })

  it('gives zod’s own result for valid and plainly invalid input, transforms included', () => {
    const trimmed = z.object({ id: z.string().transform((s) => s.trim()) })
    expect(safeParse(trimmed, { id: ' a ' })).toEqual({ success: true, data: { id: 'a' } })
    const invalid = safeParse(schema, { id: '' })
    expect(invalid.success).toBe(false)
    expect(invalid.error?.issues[0]?.code).toBe('too_small')
  })

  it('keeps a generic detail when what was thrown is not an Error', () => {
    const throwsString = z.string().refine(() => {
      throw 'not an error'
    })
    expect(safeParse(throwsString, 'x').error?.issues[0]?.message).toBe(
      'the schema could not check this value (a value that is not an Error was thrown)',
    )
  })
})

describe('parse', () => {
  it('returns the data, or throws the ZodError and nothing else', () => {
    expect(parse(schema, { id: 'a' })).toEqual({ id: 'a' })
    expect(() => parse(schema, { id: unconvertibleLength })).toThrow(z.ZodError)
    expect(() => parse(schema, {})).toThrow(z.ZodError)
  })
})
