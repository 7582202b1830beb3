/** A serial port as `serialport` lists it (USB ids as lowercase hex). */
export interface ScannerPortInfo {
  path: string
  vendorId?: string
  productId?: string
  manufacturer?: string
}

/**
 * USB vendors whose serial (USB-CDC or USB-COM) devices are barcode scanners. A scanner never
 * answers a probe (it only talks when it reads a code), so it is recognised by its USB id, never by
 * writing to a port that may be another device. From the public USB ID list; extend it with the
 * models the stations are issued.
 */
export const SCANNER_USB_VENDORS: ReadonlyMap<string, string> = new Map([
  ['0c2e', 'Honeywell (Metrologic)'],
  ['0536', 'Honeywell (Hand Held Products)'],
  ['05e0', 'Zebra (Symbol)'],
  ['05f9', 'Datalogic'],
  ['1eab', 'Newland'],
])

export interface ScannerPort {
  path: string
  /** The maker and product id, for the device list: "Honeywell (Metrologic) 0c2e:0b6a". */
  name: string
}

/** The listed ports that are barcode scanners, by path. */
export function scannerPorts(listed: readonly ScannerPortInfo[]): ScannerPort[] {
  const found: ScannerPort[] = []
  for (const port of listed) {
    const vendor = port.vendorId ? SCANNER_USB_VENDORS.get(port.vendorId.toLowerCase()) : undefined
    if (!vendor) continue
    found.push({ path: port.path, name: `${vendor} ${port.vendorId}:${port.productId ?? '????'}` })
  }
  return found.sort((a, b) => a.path.localeCompare(b.path))
}
