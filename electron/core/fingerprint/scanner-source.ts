import { parseDeviceSpec, scannerSource, type ScannerSource } from '../../../drivers/fingerprint'
import { KioskError, type DeviceInfo } from '../../contract'

/** The virtual citizen whose fingers the training scanner presents. */
export const TRAINING_FINGER_CITIZEN = 'training-citizen'

/**
 * Opens the fingerprint scanner the device manager lists: the in-process EF01 simulator for a
 * simulated entry, the EF01 module on its serial port or CP2110 bridge for a real one. An SBI
 * device needs its provider's trust store, which the station does not configure yet.
 */
export async function openListedScanner(devices: readonly DeviceInfo[]): Promise<ScannerSource> {
  const listed = devices.filter((d) => d.kind === 'fingerprint' && d.health.status !== 'absent')
  const device = listed.find((d) => d.health.status === 'ready') ?? listed[0]
  if (!device) throw new KioskError('E_NO_SCANNER', 'no fingerprint scanner is listed')
  if (device.source === 'simulated') {
    return scannerSource(
      { kind: 'sim', transport: 'serial' },
      { simulator: { citizenId: TRAINING_FINGER_CITIZEN } },
    )
  }
  if (!/^(serial|hid):/.test(device.connection)) {
    throw new KioskError(
      'E_NO_SCANNER',
      `${device.connection}: not an EF01 scanner the kiosk opens`,
    )
  }
  return scannerSource(parseDeviceSpec(device.connection))
}
