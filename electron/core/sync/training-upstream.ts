import { join } from 'node:path'
import type { UpstreamTarget } from '../queue'

export const TRAINING_UPSTREAM_DIR_NAME = 'training-upstream'

export interface RunningTrainingUpstream {
  target: UpstreamTarget
  reviewUrl: string
  close(): Promise<void>
}

/**
 * Starts the reference upstream in this process, on loopback, for a station with no upstream URL
 * (training, development). Its data lives inside the kiosk's data directory, so every shell of the
 * same station talks to the same training upstream. Loaded on demand: a station with a real
 * upstream never loads the server.
 */
export async function startTrainingUpstreamFor(dataDir: string): Promise<RunningTrainingUpstream> {
  const { startTrainingUpstream } = await import('../../../upstream/server')
  const training = await startTrainingUpstream({
    dataDir: join(dataDir, TRAINING_UPSTREAM_DIR_NAME),
  })
  return {
    target: { url: training.url, training: true, invite: () => training.invite() },
    reviewUrl: training.reviewUrl,
    close: () => training.close(),
  }
}
