import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endOrphans, freePortPair, startService, type Service } from './processes'

/** The environment variables through which the tpm project's tests find their TPMs. */
export const TPM_ENV = {
  /** The TCTI of this run's swtpm, e.g. `swtpm:host=127.0.0.1,port=N`. */
  tcti: 'KIOSK_TEST_TPM_TCTI',
  /** A second swtpm with a state of its own: "another station's TPM". */
  otherTcti: 'KIOSK_TEST_TPM_OTHER_TCTI',
  /** Set when swtpm is not installed: the tests say so, naming the package. */
  missing: 'KIOSK_TEST_TPM_MISSING',
} as const

const SWTPM = 'swtpm'

function swtpmInstalled(): boolean {
  return spawnSync(SWTPM, ['--version'], { stdio: 'ignore' }).status === 0
}

/** One swtpm on two free loopback ports (command, control), its state in `stateDir`. */
async function startSwtpm(
  name: string,
  stateDir: string,
): Promise<{ service: Service; tcti: string }> {
  const port = await freePortPair()
  const service = startService(
    name,
    SWTPM,
    [
      'socket',
      '--tpm2',
      '--server',
      `type=tcp,port=${port},bindaddr=127.0.0.1`,
      '--ctrl',
      `type=tcp,port=${port + 1},bindaddr=127.0.0.1`,
      '--tpmstate',
      `dir=${stateDir}`,
      // Starts the TPM itself (TPM2_Startup(CLEAR)): tpm2-tools can talk to it at once.
      '--flags',
      'not-need-init,startup-clear',
    ],
    { logFile: join(stateDir, '..', `${name}.log`) },
  )
  await waitForPort(service, port)
  return { service, tcti: `swtpm:host=127.0.0.1,port=${port}` }
}

/** Resolves when tpm2-tools get an answer from the TPM at `port` (swtpm logs nothing when ready). */
async function waitForPort(service: Service, port: number, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited at start`)
    const probe = spawnSync(
      'tpm2_getrandom',
      ['-T', `swtpm:host=127.0.0.1,port=${port}`, '--hex', '4'],
      { stdio: 'ignore' },
    )
    if (probe.status === 0) return
    // Nothing to wait on but the socket itself: poll it.
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${service.name} did not answer on port ${port}`)
}

/**
 * vitest global setup of the tpm project: two swtpm instances of this run's own (each on free
 * ports, its state in a temp dir), started and stopped by PID. Their TCTIs reach the tests through
 * the environment. Without swtpm nothing starts and the tests fail saying which package to install.
 */
export default async function startTpmServices(): Promise<() => Promise<void>> {
  if (!swtpmInstalled()) {
    process.env[TPM_ENV.missing] = '1'
    return async () => {}
  }
  endOrphans()
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-swtpm-'))
  const services: Service[] = []
  const stop = async () => {
    for (const service of services.reverse()) await service.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const stationState = join(dir, 'station')
    const otherState = join(dir, 'other')
    mkdirSync(stationState)
    mkdirSync(otherState)
    const station = await startSwtpm('swtpm', stationState)
    services.push(station.service)
    const other = await startSwtpm('swtpm-other', otherState)
    services.push(other.service)
    process.env[TPM_ENV.tcti] = station.tcti
    process.env[TPM_ENV.otherTcti] = other.tcti
  } catch (error) {
    await stop()
    throw error
  }
  return stop
}
