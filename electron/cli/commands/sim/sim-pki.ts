import { join } from 'node:path'
import type { SimPki } from '../../../../drivers/smartcard'
import { loadOrCreateSimPki, SIM_PKI_DIR_NAME, SimPkiError } from '../../../../drivers/smartcard'
import { CliError } from '../../output'
import { EXIT } from '../../exit-codes'

/** The station's simulator PKI (in `dir`, default `<data dir>/sim-pki`), damage as a CLI error. */
export async function stationSimPki(
  dataDir: string,
  now: Date,
  dir: string = join(dataDir, SIM_PKI_DIR_NAME),
): Promise<{ pki: SimPki; dir: string }> {
  try {
    return { pki: await loadOrCreateSimPki(dir, now), dir }
  } catch (error) {
    if (error instanceof SimPkiError)
      throw new CliError('cli.errors.theSimulatorPkiFileIs', {}, EXIT.FAILED, error.message)
    throw error
  }
}
