import { CP2110 } from './cp2110'
import { listNodeHid, type HidDeviceInfo } from './hid-device'

export interface SerialPortInfo {
  path: string
  /** USB ids as lowercase hex strings, as `serialport` lists them. */
  vendorId?: string
  productId?: string
  manufacturer?: string
}

/** An SBI service found on the loopback interface (see sbi/discovery). */
export interface SbiServiceInfo {
  port: number
  deviceId: string
  model: string
  status: string
}

export type FingerprintDeviceKind = 'sim' | 'serial' | 'hid' | 'sbi'

export interface FingerprintDeviceEntry {
  /** What `kiosk fp capture --device` takes: `sim`, `serial:PATH`, `hid:VID:PID`, `sbi:PORT`. */
  device: string
  kind: FingerprintDeviceKind
  name: string
  /** Why it is listed (bridge type, SBI status). */
  detail: string
}

export interface DeviceListProblem {
  source: 'serial' | 'hid' | 'sbi'
  detail: string
}

export interface DeviceSources {
  serialPorts?: () => Promise<SerialPortInfo[]>
  hidDevices?: () => Promise<HidDeviceInfo[]>
  sbiServices?: () => Promise<SbiServiceInfo[]>
  /** List the in-process EF01 simulator too (simulated and auto modes). */
  includeSimulator?: boolean
}

/** USB-UART bridges that typically sit in front of an EF01 module. */
export const USB_UART_BRIDGES: ReadonlyMap<string, string> = new Map([
  ['10c4:ea60', 'Silicon Labs CP210x USB-UART'],
  ['1a86:7523', 'WCH CH340 USB-UART'],
  ['0403:6001', 'FTDI FT232R USB-UART'],
  ['067b:2303', 'Prolific PL2303 USB-UART'],
])

/** HID-to-UART bridges (AN434). */
export const HID_UART_BRIDGES: ReadonlyMap<string, string> = new Map([
  [usbId(CP2110.VENDOR_ID, CP2110.PRODUCT_ID), 'Silicon Labs CP2110 HID-to-UART'],
])

export function usbId(vendorId: number, productId: number): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0')
  return `${hex(vendorId)}:${hex(productId)}`
}

/**
 * Every place a fingerprint scanner may be: the simulator, USB serial ports, CP2110 bridges and SBI
 * services. A source that fails (no udevadm, no hidraw access) becomes a problem, not an exception.
 */
export async function listFingerprintDevices(
  sources: DeviceSources = defaultDeviceSources(),
): Promise<{ devices: FingerprintDeviceEntry[]; problems: DeviceListProblem[] }> {
  const devices: FingerprintDeviceEntry[] = []
  const problems: DeviceListProblem[] = []
  if (sources.includeSimulator) {
    devices.push({
      device: 'sim',
      kind: 'sim',
      name: 'EF01 module (simulated)',
      detail: 'in-process',
    })
  }
  const [serial, hid, sbi] = await Promise.allSettled([
    sources.serialPorts?.() ?? Promise.resolve([]),
    sources.hidDevices?.() ?? Promise.resolve([]),
    sources.sbiServices?.() ?? Promise.resolve([]),
  ])

  if (serial.status === 'fulfilled') {
    for (const port of serial.value) {
      if (!port.vendorId || !port.productId) continue // on-board UARTs: no USB ids, never a scanner
      const id = `${port.vendorId.toLowerCase()}:${port.productId.toLowerCase()}`
      devices.push({
        device: `serial:${port.path}`,
        kind: 'serial',
        name: USB_UART_BRIDGES.get(id) ?? port.manufacturer ?? 'USB serial port',
        detail: `${id}, EF01 module if one is attached`,
      })
    }
  } else problems.push({ source: 'serial', detail: message(serial.reason) })

  if (hid.status === 'fulfilled') {
    for (const d of hid.value) {
      const id = usbId(d.vendorId, d.productId)
      const bridge = HID_UART_BRIDGES.get(id)
      if (!bridge) continue
      devices.push({ device: `hid:${id}`, kind: 'hid', name: d.product ?? bridge, detail: bridge })
    }
  } else problems.push({ source: 'hid', detail: message(hid.reason) })

  if (sbi.status === 'fulfilled') {
    for (const s of sbi.value) {
      devices.push({
        device: `sbi:${s.port}`,
        kind: 'sbi',
        name: s.model,
        detail: `MOSIP SBI ${s.deviceId}, ${s.status}`,
      })
    }
  } else problems.push({ source: 'sbi', detail: message(sbi.reason) })

  return { devices, problems }
}

export function defaultDeviceSources(): DeviceSources {
  return {
    async serialPorts() {
      const { SerialPort } = await import('serialport')
      return (await SerialPort.list()).map((p) => ({
        path: p.path,
        ...(p.vendorId ? { vendorId: p.vendorId } : {}),
        ...(p.productId ? { productId: p.productId } : {}),
        ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      }))
    },
    hidDevices: listNodeHid,
  }
}

function message(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
