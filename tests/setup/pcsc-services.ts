import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endOrphans, freePortPair, startService, waitForLog, type Service } from './processes'

const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so'
const VICC_LAUNCHER = join(import.meta.dirname, 'vicc-epass.py')

/** reader.conf for one vpcd reader (two slots: `base` and `base + 1`) on our own ports. */
function vpcdReaderConf(base: number): string {
  const hex = `0x${base.toString(16).toUpperCase()}`
  return [
    'FRIENDLYNAME "Virtual PCD"',
    `DEVICENAME   /dev/null:${hex}`,
    `LIBPATH      ${VPCD_DRIVER}`,
    `CHANNELID    ${hex}`,
    '',
  ].join('\n')
}

/**
 * vitest global setup of the pcsc suites: a pcscd of this run's own, with its socket in a
 * directory of ours (pcscd 1.9 always serves /run/pcscd, so it runs in a private mount namespace
 * where that path is our directory), vpcd's two readers on free ports, and vicc's ePassport in
 * the first. Its environment (PCSCLITE_CSOCK_NAME, KIOSK_VPCD_PORT) reaches the test processes.
 * Everything is stopped by PID at teardown, and a crashed run's leftovers at the next start.
 */
export default async function startPcscServices(): Promise<() => Promise<void>> {
  if (!existsSync(VPCD_DRIVER)) {
    throw new Error(
      `vsmartcard-vpcd is not installed (no ${VPCD_DRIVER}); npm test installs it as root`,
    )
  }
  endOrphans()
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pcscd-'))
  const base = await freePortPair()
  // pcscd reads every file of its config directory as reader.conf, and serves /run/pcscd: each
  // gets a directory of its own, apart from the logs.
  const confDir = join(dir, 'conf')
  const runDir = join(dir, 'run')
  mkdirSync(confDir)
  mkdirSync(runDir)
  writeFileSync(join(confDir, 'vpcd'), vpcdReaderConf(base))
  const socket = join(runDir, 'pcscd.comm')
  const services: Service[] = []
  const stop = async () => {
    for (const service of services.reverse()) await service.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const pcscdLog = join(dir, 'pcscd.log')
    const pcscd = startService(
      'pcscd',
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        // exec: the PID we record is pcscd's own.
        'mkdir -p /run/pcscd && mount --bind "$0" /run/pcscd && exec pcscd --foreground --info --apdu -c "$1"',
        runDir,
        confDir,
      ],
      { logFile: pcscdLog },
    )
    services.push(pcscd)
    await waitForLog(pcscd, pcscdLog, (log) => log.includes('daemon ready'))
    const viccLog = join(dir, 'vicc.log')
    const vicc = startService('vicc', '/usr/bin/python3', [VICC_LAUNCHER], {
      env: { ...process.env, VICC_PORT: String(base) },
      logFile: viccLog,
    })
    services.push(vicc)
    await waitForLog(pcscd, pcscdLog, (log) => /Card inserted into Virtual PCD 00 00/.test(log))
  } catch (error) {
    await stop()
    throw error
  }
  process.env.PCSCLITE_CSOCK_NAME = socket
  process.env.KIOSK_VPCD_PORT = String(base)
  return stop
}
