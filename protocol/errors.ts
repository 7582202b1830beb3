import { z } from 'zod'
import { safeParse } from '../lib/schema'

/**
 * Every refusal the upstream answers, with whether sending the same thing again later can succeed.
 * `retryable`: back off and try again (the client re-signs, so a new nonce and timestamp).
 * `permanent`: the same request will keep failing; dead-letter the file at once, with the message
 * as the reason.
 */
export const errorCodeClasses = {
  /** The body or query does not match the schema. */
  bad_request: 'permanent',
  /** Signature headers missing or malformed. */
  unsigned_request: 'permanent',
  /** No terminal with this id is registered (register it first with an invite code). */
  unregistered_terminal: 'permanent',
  /** The signature does not verify with the terminal's registered key, or the body hash differs. */
  bad_signature: 'permanent',
  /** The timestamp is outside the accepted window: fix the clock (see `GET /v1/upstream` `time`). */
  stale_timestamp: 'retryable',
  /** This nonce was already used: a replayed request. A fresh signature succeeds. */
  replayed_nonce: 'retryable',
  /** The request was signed for another upstream id: the station is registered elsewhere. */
  wrong_upstream: 'permanent',
  /** The invite code is unknown, used by another terminal, or expired. */
  invalid_invite: 'permanent',
  /** The terminal is registered with another key and the code does not authorise a change. */
  terminal_conflict: 'permanent',
  /** A chunk or complete for a file never announced: announce again. */
  unknown_file: 'retryable',
  /** The file id is already announced with a different hash or size. */
  file_conflict: 'permanent',
  /** The chunk's offset is not the upstream's `receivedOffset` (sent in the error): continue from it. */
  offset_mismatch: 'retryable',
  /** The chunk runs past the announced size, or exceeds the maximum chunk size. */
  chunk_out_of_range: 'permanent',
  /** Complete was asked before all bytes arrived: upload the rest (from `receivedOffset`). */
  incomplete_body: 'retryable',
  /** The stored body does not hash to the announced sha256; the upstream discarded it: upload again from 0. */
  hash_mismatch: 'retryable',
  /** The file decrypted or verified badly, or its content is invalid (reason in the message). */
  invalid_file: 'permanent',
  /**
   * The chip data (EF.SOD and the data groups) fails passive authentication: a data group altered
   * after signing, a bad EF.SOD signature, a broken document signer chain (reason in the message).
   * An unknown CSCA is not this: such files are accepted and shown to the reviewer as untrusted.
   */
  chip_data_invalid: 'permanent',
  /** An audit checkpoint is not signed by the terminal's registered key, or names another terminal. */
  audit_checkpoint_invalid: 'permanent',
  /** An audit checkpoint does not follow the last one the upstream holds (a gap): flagged. */
  audit_gap: 'permanent',
  /** An audit checkpoint contradicts one the upstream already holds (history rewritten): flagged. */
  audit_rewrite: 'permanent',
  /** The announced size exceeds `maxFileSize`. */
  file_too_large: 'permanent',
  /** No such route. */
  not_found: 'permanent',
  /** Review API only: the reviewer token is missing or wrong. */
  unauthorized: 'permanent',
  /** Review API only: the file is not waiting for review (already approved or rejected). */
  not_reviewable: 'permanent',
  /** Review sign-in: wrong username or password (`params.triesLeft` before the lockout). */
  sign_in_failed: 'permanent',
  /** Review sign-in: too many wrong passwords in a row; `params.lockedUntil` (ISO time). */
  reviewer_locked: 'permanent',
  /** Review API: the reviewer's account is disabled. */
  reviewer_disabled: 'permanent',
  /** Review API: the session ended (idle or absolute expiry): sign in again. */
  session_expired: 'permanent',
  /** Review API: only a senior reviewer may do this (`params.because`). */
  senior_required: 'permanent',
  /** Review API: a simulated (training) file cannot be approved on an upstream not in training. */
  simulated_not_approvable: 'permanent',
  /** Review sign-in: too many attempts from this address; `params.retryAfterSeconds`. */
  too_many_sign_ins: 'retryable',
  /** A body larger than the route takes (its declared Content-Length); refused before it is read. */
  body_too_large: 'permanent',
  /**
   * Too many requests from this terminal: retry later, after the answer's `Retry-After` seconds.
   * Not a fault of the file: a client waits and goes on, without counting a failed attempt.
   */
  rate_limited: 'retryable',
  /**
   * The terminal holds too many unfinished uploads (files or bytes): retry later, once uploads in
   * progress complete or expire.
   */
  upload_quota_exceeded: 'retryable',
  /** The upstream is overloaded or shutting down. */
  unavailable: 'retryable',
  /** Anything else on the upstream side. */
  internal: 'retryable',
} as const satisfies Record<string, 'retryable' | 'permanent'>

export type ErrorCode = keyof typeof errorCodeClasses
export type ErrorClass = 'retryable' | 'permanent'
export const errorCodes = Object.keys(errorCodeClasses) as [ErrorCode, ...ErrorCode[]]
export const ErrorCodeSchema = z.enum(errorCodes)

/** The HTTP status each code is sent with. */
export const errorHttpStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  unsigned_request: 401,
  unregistered_terminal: 401,
  bad_signature: 401,
  stale_timestamp: 401,
  replayed_nonce: 401,
  wrong_upstream: 421,
  invalid_invite: 403,
  terminal_conflict: 409,
  unknown_file: 404,
  file_conflict: 409,
  offset_mismatch: 409,
  chunk_out_of_range: 416,
  incomplete_body: 409,
  hash_mismatch: 422,
  invalid_file: 422,
  chip_data_invalid: 422,
  audit_checkpoint_invalid: 422,
  audit_gap: 409,
  audit_rewrite: 409,
  file_too_large: 413,
  not_found: 404,
  unauthorized: 401,
  not_reviewable: 409,
  sign_in_failed: 401,
  reviewer_locked: 423,
  reviewer_disabled: 403,
  session_expired: 401,
  senior_required: 403,
  simulated_not_approvable: 409,
  too_many_sign_ins: 429,
  body_too_large: 413,
  rate_limited: 429,
  upload_quota_exceeded: 507,
  unavailable: 503,
  internal: 500,
}

/**
 * The body of every non-2xx answer from the upstream. `message` is "Vietnamese / English: detail",
 * fit to show an officer as a dead-letter reason.
 */
export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: ErrorCodeSchema,
        message: z.string().max(2000),
        /** With `offset_mismatch` and `incomplete_body`: where to continue the upload. */
        receivedOffset: z.number().int().nonnegative().optional(),
        /** Review API only: what the page needs to word the refusal (tries left, lockout end). */
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      })
      .strict(),
  })
  .strict()
export type ErrorBody = z.infer<typeof ErrorBodySchema>

export function errorClassOf(code: ErrorCode): ErrorClass {
  return errorCodeClasses[code]
}

/**
 * Classifies an HTTP failure for the client. A parsed error body decides; a body that is not ours
 * (a proxy's 502 page, a reset connection) is classified by status: 5xx, 408 and 429 are retryable,
 * any other status is permanent.
 */
export function classifyFailure(status: number, body: unknown): ErrorClass {
  const parsed = safeParse(ErrorBodySchema, body)
  if (parsed.success) return errorClassOf(parsed.data.error.code)
  return status >= 500 || status === 408 || status === 429 ? 'retryable' : 'permanent'
}
