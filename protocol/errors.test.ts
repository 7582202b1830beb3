import { describe, expect, it } from 'vitest'
import { classifyFailure, errorClassOf, errorCodes, errorHttpStatus } from './errors'

describe('error classification', () => {
  it('gives every code an HTTP error status', () => {
    for (const code of errorCodes) expect(errorHttpStatus[code]).toBeGreaterThanOrEqual(400)
  })

  it('classifies our error bodies by code', () => {
    const body = (code: string) => ({ error: { code, message: 'x' } })
    expect(classifyFailure(409, body('offset_mismatch'))).toBe('retryable')
    expect(classifyFailure(422, body('invalid_file'))).toBe('permanent')
    expect(classifyFailure(422, body('chip_data_invalid'))).toBe('permanent')
    expect(classifyFailure(401, body('unregistered_terminal'))).toBe('permanent')
    expect(classifyFailure(401, body('replayed_nonce'))).toBe('retryable')
    expect(errorClassOf('hash_mismatch')).toBe('retryable')
  })

  it('classifies foreign failures by status', () => {
    expect(classifyFailure(502, '<html>bad gateway</html>')).toBe('retryable')
    expect(classifyFailure(503, undefined)).toBe('retryable')
    expect(classifyFailure(429, null)).toBe('retryable')
    expect(classifyFailure(408, {})).toBe('retryable')
    expect(classifyFailure(403, { error: { code: 'nope', message: 'x' } })).toBe('permanent')
  })
})
