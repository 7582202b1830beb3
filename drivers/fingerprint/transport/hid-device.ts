/**
 * What the CP2110 transport needs of an open HID device: the shape of node-hid's `HID` class (and of
 * `HIDAsync`, whose methods return promises), so the real device and the bridge simulator plug in
 * alike. As in hidapi, the first byte of every write and feature report is the report ID.
 */
export interface HidDeviceLike {
  write(data: number[] | Buffer): number | Promise<number>
  sendFeatureReport(data: number[] | Buffer): number | Promise<number>
  getFeatureReport(reportId: number, length: number): number[] | Buffer | Promise<number[] | Buffer>
  on(event: 'data', listener: (report: Buffer) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeAllListeners(event?: string): unknown
  close(): void | Promise<void>
}

export interface HidDeviceInfo {
  vendorId: number
  productId: number
  path?: string
  product?: string
  manufacturer?: string
  serialNumber?: string
}

/** Opens a real HID device through node-hid (loaded only when needed: it is a native add-on). */
export async function openNodeHid(
  target: { path: string } | { vendorId: number; productId: number },
) {
  const hid = await import('node-hid')
  const device: HidDeviceLike =
    'path' in target ? new hid.HID(target.path) : new hid.HID(target.vendorId, target.productId)
  return device
}

/** Lists HID devices through node-hid. */
export async function listNodeHid(): Promise<HidDeviceInfo[]> {
  const hid = await import('node-hid')
  const devices = await hid.devicesAsync()
  return devices.map((d) => ({
    vendorId: d.vendorId,
    productId: d.productId,
    ...(d.path ? { path: d.path } : {}),
    ...(d.product ? { product: d.product } : {}),
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
  }))
}
