import {
  ef01CandidatePorts,
  probeEf01Ports,
  type Ef01PortFinding,
} from '../../../../drivers/fingerprint'
import { probeSerial } from './serial'

export type { Ef01PortFinding }

/** EF01 modules behind USB-serial adapters: the candidate ports, each probed at the common rates. */
export async function probeEf01(): Promise<Ef01PortFinding[]> {
  const { ports } = await probeSerial()
  return probeEf01Ports(await ef01CandidatePorts(ports))
}
