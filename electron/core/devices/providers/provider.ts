import type { DeviceHealthReason, DeviceInfo, DeviceKind } from '../../../contract'

/** Why a kind of device could not be looked for (e.g. pcscd down); shown on the absent entry. */
export interface ProbeProblem {
  kind: DeviceKind
  reason: DeviceHealthReason
  detail: string
}

export interface ProbeResult {
  devices: DeviceInfo[]
  problems: ProbeProblem[]
}

/** One source of devices: probes what is attached now. Probes never throw: failures are problems. */
export interface DeviceProvider {
  readonly name: string
  probe(): Promise<ProbeResult>
}
