import { createKeyIdentity, type KeyIdentity } from '../sbi/certificates'
import { base64url, signJws } from '../sbi/jws'
import { SBI_HOST, type SbiDigitalId } from '../sbi/protocol'

export type SbiDeviceStatus = 'Ready' | 'Busy' | 'Not Ready' | 'Not Registered'

export interface SbiSimulatorIdentity {
  ca: KeyIdentity
  device: KeyIdentity
}

/** The one device the simulated SBI service offers. */
export const SIM_SBI_DEVICE_ID = 'KIOSK-SIM-FP-1'
export const SIM_SBI_SERIAL = 'SIM0000001'

/** A device-provider CA and a device certificate it issued, made fresh (never checked in). */
export function createSbiSimulatorIdentity(now: Date): SbiSimulatorIdentity {
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600 * 1000)
  const notBefore = new Date(now.getTime() - 24 * 3600 * 1000)
  const ca = createKeyIdentity({
    commonName: 'Kiosk Simulator Device Provider CA',
    organization: 'VNeID kiosk (simulated)',
    notBefore,
    notAfter,
    serial: 1n,
  })
  const device = createKeyIdentity({
    commonName: `SBI device ${SIM_SBI_SERIAL}`,
    organization: 'VNeID kiosk (simulated)',
    notBefore,
    notAfter,
    serial: 2n,
    issuer: ca,
  })
  return { ca, device }
}

export function simulatedDigitalId(now: Date): SbiDigitalId {
  return {
    serialNo: SIM_SBI_SERIAL,
    make: 'VNeID Kiosk',
    model: 'SIM-FAP30',
    type: 'Finger',
    deviceSubType: 'Single',
    deviceProvider: 'Kiosk Simulator',
    deviceProviderId: 'kiosk.simulator',
    dateTime: now.toISOString(),
  }
}

/**
 * The device as discovery (digital id base64url-encoded) and device info (digital id signed by
 * the device key) describe it.
 */
export function simulatedDeviceDescriptor(device: {
  status: SbiDeviceStatus
  port: number
  now: Date
  /** Set for device info: the key that signs the digital id. */
  signer: KeyIdentity | null
}) {
  const digitalId = JSON.stringify(simulatedDigitalId(device.now))
  return {
    deviceId: SIM_SBI_DEVICE_ID,
    deviceStatus: device.status,
    certification: 'L0',
    serviceVersion: '1.0.0',
    deviceSubId: ['0'],
    callbackId: `http://${SBI_HOST}:${device.port}/`,
    digitalId: device.signer
      ? signJws(digitalId, device.signer.privateKey, device.signer.certificateDer)
      : base64url(digitalId),
    deviceCode: SIM_SBI_SERIAL,
    specVersion: ['0.9.5', '1.0'],
    purpose: 'Registration',
    firmware: 'sim-1.0',
    env: 'Developer',
    error: { errorCode: '0', errorInfo: 'Success' },
  }
}
