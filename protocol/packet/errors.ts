/** Why a packet could not be built or opened; `code` is stable for callers and reasons sent upstream. */
export type PacketErrorCode =
  | 'malformed'
  | 'unsupported-version'
  | 'wrong-recipient'
  | 'decrypt-failed'
  | 'bad-signature'
  | 'untrusted-terminal'
  | 'hash-mismatch'
  | 'invalid-manifest'
  | 'invalid-input'

export class PacketError extends Error {
  constructor(
    readonly code: PacketErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`)
    this.name = 'PacketError'
  }
}
