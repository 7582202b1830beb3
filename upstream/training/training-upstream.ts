import { join } from 'node:path'

export const TRAINING_UPSTREAM_DIR_NAME = 'training-upstream'
/** Where the training upstream finds the simulator's CSCA (inside its own `trust/` directory). */
export const TRAINING_SIM_CSCA_FILE = join('trust', 'simulator-csca.pem')

/** What a station's core needs to reach it: the same shape as the core's upstream target. */
export interface TrainingTarget {
  url: string
  training: true
  /** A fresh invite code, so the station registers itself without an operator. */
  invite: () => string | Promise<string>
}

export interface RunningTrainingUpstream {
  target: TrainingTarget
  reviewUrl: string
  close(): Promise<void>
}

/**
 * Starts the reference upstream in this process, on loopback, for a station with no upstream URL
 * (training, development). Its data lives inside the kiosk's data directory, so every shell of the
 * same station talks to the same training upstream. It trusts the station's simulator CSCA
 * (`<data dir>/sim-pki`, created if needed), written into its trust directory before it opens, so
 * the chip data of simulated files verifies `valid` there (a damaged PKI file only costs that:
 * the upstream starts, and `onWarning` hears why). Loaded on demand: a station with a real
 * upstream never loads the server.
 */
export async function startTrainingUpstreamFor(
  dataDir: string,
  options: { onWarning?: (message: string) => void } = {},
): Promise<RunningTrainingUpstream> {
  const [
    { startTrainingUpstream },
    { loadOrCreateSimPki, SIM_PKI_DIR_NAME, SimPkiError, writeCscaFile },
  ] = await Promise.all([import('../server'), import('../../drivers/smartcard')])
  const upstreamDir = join(dataDir, TRAINING_UPSTREAM_DIR_NAME)
  try {
    const pki = await loadOrCreateSimPki(join(dataDir, SIM_PKI_DIR_NAME), new Date())
    await writeCscaFile(join(upstreamDir, TRAINING_SIM_CSCA_FILE), pki)
  } catch (error) {
    if (!(error instanceof SimPkiError)) throw error
    options.onWarning?.(`simulator CSCA not trusted by the training upstream: ${error.message}`)
  }
  const training = await startTrainingUpstream({ dataDir: upstreamDir })
  return {
    target: { url: training.url, training: true, invite: () => training.invite() },
    reviewUrl: training.reviewUrl,
    close: () => training.close(),
  }
}
