import {
  discoverSbiServices,
  sbiDeviceModel,
  defaultDeviceSources,
  listFingerprintDevices,
} from '../../../drivers/fingerprint'
import { parseCommandArgs } from '../args'
import type { CliIo } from '../output'
import { loadCliConfig } from './load-config'
import { bilingualMessage } from '../../../lib/messages'

/**
 * `kiosk fp list [--json]`: the simulator (unless --devices real), USB serial bridges, CP2110 HID
 * bridges and SBI services on 127.0.0.1:4501–4600.
 */
export async function fpListCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  const { config } = loadCliConfig(argv, env)
  const { devices, problems } = await listFingerprintDevices({
    ...defaultDeviceSources(),
    includeSimulator: config.devices !== 'real',
    sbiServices: async () =>
      (await discoverSbiServices({ timeoutMs: 300 })).flatMap((service) =>
        service.devices.map((d) => ({
          port: service.port,
          deviceId: d.deviceId,
          model: sbiDeviceModel(d),
          status: d.deviceStatus,
        })),
      ),
  })
  if (values.json) {
    io.out(JSON.stringify({ devices, problems }, null, 2))
    return 0
  }
  if (devices.length === 0) io.out(bilingualMessage('cli.text.noFingerprintScannerFound'))
  const width = Math.max(8, ...devices.map((d) => d.device.length))
  for (const d of devices) io.out(`${d.device.padEnd(width)}  ${d.name}  (${d.detail})`)
  for (const p of problems) io.out(`! ${p.source}: ${p.detail}`)
  return 0
}
