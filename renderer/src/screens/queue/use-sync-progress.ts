import { useEffect, useState } from 'react'
import type { KioskClient, SyncProgress } from '../../../../electron/contract'

/**
 * The last `sync.progress` of each file whose body is uploading, by file id. Forgotten when the
 * queue changes (a file sent, a pass over): a file still uploading reports again with its next
 * chunk, and one whose upload failed must not look as if it were still going.
 */
export function useSyncProgress(client: KioskClient): ReadonlyMap<string, SyncProgress> {
  const [progress, setProgress] = useState<ReadonlyMap<string, SyncProgress>>(new Map())
  useEffect(() => {
    const stopProgress = client.on('sync.progress', (event) =>
      setProgress((seen) => new Map(seen).set(event.fileId, event)),
    )
    const stopChanged = client.on('queue.changed', () => setProgress(new Map()))
    return () => {
      stopProgress()
      stopChanged()
    }
  }, [client])
  return progress
}
