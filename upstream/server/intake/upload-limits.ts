import type { UpstreamContext } from '../context'
import { UpstreamError } from '../errors'

export interface UploadLimits {
  /**
   * Before a new file is announced: purges expired unfinished uploads (an index seek when there
   * are none), then refuses the file with `upload_quota_exceeded` when the terminal's unfinished
   * uploads would pass the file or byte quota.
   */
  admit(terminalId: string, size: number): Promise<void>
  /** Purges unfinished uploads older than the expiry, with their bodies; how many. */
  purgeExpired(): Promise<number>
}

/**
 * The quota and expiry of unfinished uploads (limits.ts). A purged upload is gone as if never
 * announced: its next chunk or complete answers `unknown_file`, and the kiosk announces it again
 * and starts over from offset 0.
 */
export function createUploadLimits(ctx: UpstreamContext): UploadLimits {
  const { unfinished, bodies } = ctx.repos
  const { limits } = ctx
  const cutoff = () => new Date(ctx.now().getTime() - limits.unfinishedTtlMs).toISOString()

  const purgeExpired = async (): Promise<number> => {
    const purged = await unfinished.purge(cutoff())
    // A body kept outside the database (a directory) goes after its row; in the database it is gone.
    for (const fileId of purged) await bodies.remove(fileId)
    if (purged.length > 0) ctx.log('unfinished uploads purged', { count: purged.length })
    return purged.length
  }

  return {
    purgeExpired,
    async admit(terminalId, size) {
      await purgeExpired()
      const held = await unfinished.held(terminalId, cutoff())
      if (held.files + 1 > limits.unfinishedFiles)
        throw new UpstreamError(
          'upload_quota_exceeded',
          `${held.files} unfinished uploads; at most ${limits.unfinishedFiles}`,
        )
      if (held.bytes + size > limits.unfinishedBytes)
        throw new UpstreamError(
          'upload_quota_exceeded',
          `${held.bytes} + ${size} unfinished bytes; at most ${limits.unfinishedBytes}`,
        )
    },
  }
}
