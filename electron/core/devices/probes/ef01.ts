import {
  ef01CandidatePorts,
  probeEf01Port,
  type Ef01PortFinding,
} from '../../../../drivers/fingerprint'
import { probeSerial } from './serial'

export type { Ef01PortFinding }

/** One probe of the serial ports for EF01 modules. */
export type Ef01Probe = () => Promise<Ef01PortFinding[]>

/**
 * EF01 modules behind USB-serial adapters, for hot-plug polling: a port is probed when it appears
 * (and again while it was busy or silent); a module found stays found, unprobed, while its port
 * exists — the kiosk may be capturing on it, and a probe would disturb that.
 */
export function createEf01Probe(
  listCandidates: () => Promise<string[]> = async () =>
    ef01CandidatePorts((await probeSerial()).ports),
  probePort: (path: string) => Promise<Ef01PortFinding> = (path) => probeEf01Port(path),
): Ef01Probe {
  const found = new Map<string, Ef01PortFinding>()
  return async () => {
    const paths = await listCandidates()
    for (const path of [...found.keys()]) if (!paths.includes(path)) found.delete(path)
    const findings: Ef01PortFinding[] = []
    // One port after another: two probes on one adapter would garble each other.
    for (const path of paths) {
      const finding = found.get(path) ?? (await probePort(path))
      if (finding.found) found.set(path, finding)
      findings.push(finding)
    }
    return findings
  }
}

/** A single probe of every candidate port (the doctor's). */
export const probeEf01: Ef01Probe = () => createEf01Probe()()
