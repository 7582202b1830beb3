import { openUpstream, startUpstream, type Upstream } from '../../upstream/server'
import { startUpstreamPair, type UpstreamPair } from './upstream-pair'

/**
 * The upstream a chaos run uploads to: one in this process on SQLite, or (with `database`) two
 * `kiosk upstream serve --db URL` processes behind a round-robin proxy. Either way `records` is
 * an upstream opened in this process on the same store, for the registration code and the final
 * checks (on PostgreSQL it reads what the two processes wrote).
 */
export interface ChaosUpstream {
  readonly url: string
  readonly records: Upstream
  /** The two processes, when on PostgreSQL: their kills and restarts. */
  readonly pair: UpstreamPair | null
  close(): Promise<void>
}

export async function openChaosUpstream(
  dataDir: string,
  database: string | undefined,
): Promise<ChaosUpstream> {
  if (database === undefined) {
    const upstream = await startUpstream({ dataDir })
    return { url: upstream.url, records: upstream, pair: null, close: () => upstream.close() }
  }
  // Opened first: it makes the keys and migrates, so the two processes start on both.
  const records = await openUpstream({ dataDir, database })
  let pair: UpstreamPair
  try {
    pair = await startUpstreamPair(dataDir, database)
  } catch (error) {
    await records.close()
    throw error
  }
  return {
    url: pair.url,
    records,
    pair,
    async close() {
      await pair.close()
      await records.close()
    },
  }
}
