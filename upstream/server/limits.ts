/** What one terminal may ask of the upstream (upstream/README.md, "Limits"). */
export interface UpstreamLimits {
  /** Signed requests one terminal may make per `rateWindowMs`; over it: 429 `rate_limited`. */
  requestsPerWindow: number
  rateWindowMs: number
  /** Announced but unfinished uploads one terminal may hold; over it: 507 `upload_quota_exceeded`. */
  unfinishedFiles: number
  /** Their announced bytes together. */
  unfinishedBytes: number
  /** An unfinished upload older than this is purged with its chunks (at each announce). */
  unfinishedTtlMs: number
}

export const DEFAULT_UPSTREAM_LIMITS: UpstreamLimits = {
  // 50 requests a second sustained: a station draining a backlog at full speed (three requests a
  // file) stays under it; a flood from one terminal does not crowd out the others.
  requestsPerWindow: 3000,
  rateWindowMs: 60_000,
  unfinishedFiles: 32,
  unfinishedBytes: 1024 * 1024 * 1024,
  unfinishedTtlMs: 48 * 60 * 60 * 1000,
}

/** The defaults with `overrides` applied. */
export function upstreamLimits(overrides: Partial<UpstreamLimits> = {}): UpstreamLimits {
  return { ...DEFAULT_UPSTREAM_LIMITS, ...overrides }
}
