import { join } from 'node:path'
import { loadTrustStore, type TrustStore } from '../../../../drivers/smartcard'
import { PROJECT_ROOT } from '../../paths'

/** CSCA certificates shipped with the kiosk (none real: no Vietnamese CSCA is public). */
export const DEFAULT_TRUST_DIR = join(PROJECT_ROOT, 'resources', 'trust')

export function loadCliTrust(dir: string | undefined): Promise<TrustStore> {
  return loadTrustStore(dir ?? DEFAULT_TRUST_DIR)
}
