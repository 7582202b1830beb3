/**
 * The sync API's routes. Bodies and answers are in schemas.ts; every route but `info` is signed
 * (request-signing.ts). JSON bodies use `content-type: application/json`, chunks
 * `application/octet-stream`. Failures answer an ErrorBody (errors.ts).
 */
export const API_PREFIX = '/v1'

export const apiPaths = {
  /** GET, unsigned: UpstreamInfo. */
  info: () => `${API_PREFIX}/upstream`,
  /** POST RegisterRequest → RegisterResponse. */
  register: () => `${API_PREFIX}/terminals`,
  /** POST AnnounceRequest → FileStatus. */
  announce: () => `${API_PREFIX}/files`,
  /** GET → FileStatus (404 unknown_file if never announced). */
  file: (fileId: string) => `${API_PREFIX}/files/${fileId}`,
  /**
   * PUT raw bytes → ChunkResponse. `complete`: the chunk is the file's last, and the upstream
   * completes the file in the same request (the answer then carries the receipt).
   */
  chunk: (fileId: string, offset: number, complete = false) =>
    `${API_PREFIX}/files/${fileId}/body?offset=${offset}${complete ? '&complete=1' : ''}`,
  /** POST {} → CompleteResponse. */
  complete: (fileId: string) => `${API_PREFIX}/files/${fileId}/complete`,
  /** GET → StatusFeed. */
  status: (cursor?: string, limit?: number) => {
    const query = new URLSearchParams()
    if (cursor !== undefined) query.set('cursor', cursor)
    if (limit !== undefined) query.set('limit', String(limit))
    const text = query.toString()
    return `${API_PREFIX}/status${text ? `?${text}` : ''}`
  },
} as const
