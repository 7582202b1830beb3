import { buildEfAtrInfo } from '../../iso7816/card-capabilities'
import type { CardFacts } from '../../reader/read-budget'
import type { SimulatedCccd } from './scenarios'

/**
 * What a budget of the read needs to know of a virtual CCCD: its plain files and the cipher of
 * the access control a reader gets (PACE with the profile's cipher, else BAC, which is 3DES).
 */
export function simulatedCardFacts(sim: SimulatedCccd): CardFacts {
  const { efAtrInfo } = sim.profile.lengths
  const cipher = sim.profile.pace?.cipher ?? '3DES'
  return {
    efAtrInfoBytes: efAtrInfo ? buildEfAtrInfo(efAtrInfo).length : null,
    cardAccessBytes: sim.content.cardAccess?.length ?? 0,
    smBlockSize: cipher === '3DES' ? 8 : 16,
  }
}
