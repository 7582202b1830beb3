import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { UpstreamError } from '../errors'
import { safeParse } from '../../../lib/schema'

/** The largest JSON body any route takes. */
export const JSON_BODY_LIMIT = 64 * 1024

/**
 * The body exactly as received. The app's content-type parsers keep every body as a Buffer
 * (JSON included) because the request signature covers the bytes, not a re-serialisation.
 */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
}

/** Checks a value against a schema; a mismatch is `bad_request` naming the first problems. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const parsed = safeParse(schema, value)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || what}: ${issue.message}`)
    .join('; ')
  throw new UpstreamError('bad_request', `${what}: ${issues}`)
}

/** The JSON body, parsed from the raw bytes and checked against `schema`. */
export function jsonBody<S extends z.ZodType>(request: FastifyRequest, schema: S): z.infer<S> {
  const contentType = request.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(contentType))
    throw new UpstreamError('bad_request', 'expected content-type application/json')
  let value: unknown
  try {
    value = JSON.parse(rawBodyOf(request).toString('utf8'))
  } catch {
    throw new UpstreamError('bad_request', 'the body is not JSON')
  }
  return parseWith(schema, value, 'body')
}
