export interface HidDeviceEntry {
  vendorId: number
  productId: number
  product?: string
  manufacturer?: string
  path?: string
}

export type HidProbe = { devices: HidDeviceEntry[]; error?: string }

export async function probeHid(): Promise<HidProbe> {
  try {
    const hid = await import('node-hid')
    const devices = await hid.devicesAsync()
    return {
      devices: devices.map((d) => ({
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.product ? { product: d.product } : {}),
        ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
        ...(d.path ? { path: d.path } : {}),
      })),
    }
  } catch (error) {
    return { devices: [], error: (error as Error).message }
  }
}

export function formatUsbId(vendorId: number, productId: number): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0')
  return `${hex(vendorId)}:${hex(productId)}`
}
