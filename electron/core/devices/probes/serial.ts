export interface SerialPortEntry {
  path: string
  manufacturer?: string
  vendorId?: string
  productId?: string
}

export type SerialProbe = { ports: SerialPortEntry[]; error?: string }

/**
 * Lists serial ports. On Linux `serialport` spawns `udevadm`; without it the spawn error is
 * reported here rather than crashing the process.
 */
export async function probeSerial(): Promise<SerialProbe> {
  try {
    const { SerialPort } = await import('serialport')
    const ports = await SerialPort.list()
    return {
      ports: ports.map((p) => ({
        path: p.path,
        ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
        ...(p.vendorId ? { vendorId: p.vendorId.toLowerCase() } : {}),
        ...(p.productId ? { productId: p.productId.toLowerCase() } : {}),
      })),
    }
  } catch (error) {
    return { ports: [], error: (error as Error).message }
  }
}
