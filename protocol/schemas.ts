import { z } from 'zod'

/** Version of the wire contract; sent by the upstream in `GET /v1/upstream`. */
export const PROTOCOL_VERSION = 1

/** Largest enrollment file the upstream accepts (encrypted body, bytes). */
export const MAX_FILE_SIZE = 64 * 1024 * 1024
/** Largest chunk one `PUT …/body` may carry (bytes); the client's configured chunk size must not exceed it. */
export const MAX_CHUNK_SIZE = 8 * 1024 * 1024

export const Sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lowercase hex digits')

/** Terminal ids: the same alphabet as the packet manifest's ids. */
export const TerminalIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/)

/** A file id is the packet's `fileId` (a UUID), stable across retries: upload is idempotent on it. */
export const FileIdSchema = z.string().uuid()

/** A public key on the wire: base64 of its SPKI DER (Ed25519, X25519 or ECDSA P-256). */
export const PublicKeyBase64Schema = z
  .string()
  .min(40)
  .max(2000)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/)

/** First 128 bits of SHA-256 over a public key's SPKI DER, lowercase hex. */
export const KeyIdSchema = z.string().regex(/^[0-9a-f]{32}$/)

const IsoTimeSchema = z.string().datetime({ offset: true })

// ---- upstream identity: GET /v1/upstream (unsigned) and the key file the kiosk config points to --

/**
 * The upstream's public keys. `encryption` (X25519) is the key data keys are wrapped to;
 * `signing` (Ed25519) signs receipts. The kiosk should pin this document from configuration
 * (a file written by `kiosk upstream pubkey`), not trust what an unauthenticated GET returns.
 */
export const UpstreamPublicKeysSchema = z
  .object({
    upstreamId: z.string().min(1).max(100),
    encryption: z
      .object({ type: z.literal('x25519'), keyId: KeyIdSchema, publicKey: PublicKeyBase64Schema })
      .strict(),
    signing: z
      .object({ type: z.literal('ed25519'), keyId: KeyIdSchema, publicKey: PublicKeyBase64Schema })
      .strict(),
  })
  .strict()
export type UpstreamPublicKeys = z.infer<typeof UpstreamPublicKeysSchema>

export const UpstreamInfoSchema = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    /** True for the in-process training upstream: files sent there are never real enrollments. */
    training: z.boolean(),
    /** The upstream's clock, so a kiosk can report skew before its signed requests are refused. */
    time: IsoTimeSchema,
    maxChunkSize: z.number().int().positive(),
    maxFileSize: z.number().int().positive(),
    keys: UpstreamPublicKeysSchema,
  })
  .strict()
export type UpstreamInfo = z.infer<typeof UpstreamInfoSchema>

// ---- terminal registration: POST /v1/terminals ---------------------------------------------------

/**
 * Registers the terminal's request-signing key with a one-time invite code. The request is signed
 * with the key being registered (proof of possession) and `x-kiosk-terminal` must equal `terminalId`.
 * Repeating a successful registration (same terminal, same key, same code) is success.
 */
export const RegisterRequestSchema = z
  .object({
    code: z.string().min(4).max(64),
    terminalId: TerminalIdSchema,
    /** Ed25519 (preferred) or ECDSA P-256 public key. */
    publicKey: PublicKeyBase64Schema,
  })
  .strict()
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>

export const RegisterResponseSchema = z
  .object({
    terminalId: TerminalIdSchema,
    keyId: KeyIdSchema,
    registeredAt: IsoTimeSchema,
    upstream: UpstreamPublicKeysSchema,
  })
  .strict()
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>

// ---- upload: announce → PUT chunks → complete -------------------------------------------------

/** POST /v1/files: announce a file before its body. Announcing the same file again is success. */
export const AnnounceRequestSchema = z
  .object({
    fileId: FileIdSchema,
    /** SHA-256 of the whole encrypted body as it will be uploaded. */
    sha256: Sha256HexSchema,
    size: z.number().int().positive().max(MAX_FILE_SIZE),
  })
  .strict()
export type AnnounceRequest = z.infer<typeof AnnounceRequestSchema>

/**
 * The receipt: the upstream's signed statement that it holds this exact file, intact and valid.
 * `signature` is Ed25519 by the upstream `signing` key over `receiptSigningString` (see receipt.ts).
 */
export const ReceiptSchema = z
  .object({
    fileId: FileIdSchema,
    sha256: Sha256HexSchema,
    size: z.number().int().positive(),
    terminalId: TerminalIdSchema,
    receivedAt: IsoTimeSchema,
    /** keyId of the upstream signing key that made `signature`. */
    keyId: KeyIdSchema,
    /** base64url, no padding. */
    signature: z.string().regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict()
export type Receipt = z.infer<typeof ReceiptSchema>

/**
 * Where one file stands on the upstream. `receiving`: announced, `receivedOffset` bytes stored, send
 * the rest from there. `complete`: stored and valid, `receipt` present: nothing left to do.
 */
export const FileStatusSchema = z.discriminatedUnion('state', [
  z
    .object({
      fileId: FileIdSchema,
      state: z.literal('receiving'),
      size: z.number().int().positive(),
      receivedOffset: z.number().int().nonnegative(),
    })
    .strict(),
  z
    .object({
      fileId: FileIdSchema,
      state: z.literal('complete'),
      size: z.number().int().positive(),
      receivedOffset: z.number().int().nonnegative(),
      receipt: ReceiptSchema,
    })
    .strict(),
])
export type FileStatus = z.infer<typeof FileStatusSchema>

/** POST /v1/files answers a FileStatus; so does GET /v1/files/:fileId (resume after a crash). */
export const AnnounceResponseSchema = FileStatusSchema
export type AnnounceResponse = FileStatus

/**
 * PUT /v1/files/:fileId/body?offset=N with `content-type: application/octet-stream` and the raw
 * chunk as body. `offset` must equal the upstream's `receivedOffset`; otherwise the answer is
 * 409 `offset_mismatch` carrying the right `receivedOffset` to continue from.
 *
 * With `&complete=1` on the last chunk, the upstream completes the file in the same request, as
 * POST …/complete would (same checks, same refusals), and the answer carries the `receipt`; a
 * chunk that does not reach the announced size answers without one. One request fewer per file.
 * An upstream older than this refuses the parameter with 400 `bad_request`.
 */
export const ChunkResponseSchema = z
  .object({
    fileId: FileIdSchema,
    receivedOffset: z.number().int().nonnegative(),
    receipt: ReceiptSchema.optional(),
  })
  .strict()
export type ChunkResponse = z.infer<typeof ChunkResponseSchema>

/**
 * POST /v1/files/:fileId/complete with an empty JSON object `{}` as body. The upstream checks
 * size and hash, the terminal's signature inside the file, decrypts and validates it, then answers
 * the receipt. Completing an already complete file answers the same receipt.
 */
export const CompleteRequestSchema = z.object({}).strict()
export const CompleteResponseSchema = z.object({ receipt: ReceiptSchema }).strict()
export type CompleteResponse = z.infer<typeof CompleteResponseSchema>

// ---- status feed: GET /v1/status?cursor=C&limit=N ------------------------------------------------

export const fileStates = ['received', 'approved', 'rejected'] as const
export const FileStateSchema = z.enum(fileStates)
export type FileState = z.infer<typeof FileStateSchema>

/** One state change of one of this terminal's files; a file appears once per change. */
export const StatusItemSchema = z
  .object({
    fileId: FileIdSchema,
    state: FileStateSchema,
    /** The reviewer's reason, present when `state` is `rejected`. */
    reason: z.string().min(1).max(1000).optional(),
    at: IsoTimeSchema,
  })
  .strict()
export type StatusItem = z.infer<typeof StatusItemSchema>

/** Opaque to the client: store it and send it back. Omit `cursor` to read from the beginning. */
export const CursorSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/)

export const STATUS_PAGE_MAX = 500

export const StatusQuerySchema = z
  .object({
    cursor: CursorSchema.optional(),
    limit: z.coerce.number().int().positive().max(STATUS_PAGE_MAX).optional(),
  })
  .strict()
export type StatusQuery = z.infer<typeof StatusQuerySchema>

export const StatusFeedSchema = z
  .object({
    /** Send this back as `cursor` next time; unchanged when there was nothing new. */
    cursor: CursorSchema,
    items: z.array(StatusItemSchema).max(STATUS_PAGE_MAX),
    /** True when more items wait beyond this page: ask again right away. */
    more: z.boolean(),
  })
  .strict()
export type StatusFeed = z.infer<typeof StatusFeedSchema>
