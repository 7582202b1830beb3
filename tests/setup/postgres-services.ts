import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endOrphans, freePortPair, startService, waitForLog, type Service } from './processes'

/** The environment variables through which the postgres project's tests find their cluster. */
export const POSTGRES_ENV = {
  /** A superuser URL of this run's own cluster (unix socket), its `postgres` database. */
  url: 'KIOSK_TEST_POSTGRES_URL',
  /** Set when PostgreSQL is not installed: the tests say so, naming the package. */
  missing: 'KIOSK_TEST_POSTGRES_MISSING',
} as const

const DEBIAN_ROOT = '/usr/lib/postgresql'
const TEST_ROLE = 'kiosk'

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBinDir(root = DEBIAN_ROOT): string | null {
  if (!existsSync(root)) return null
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))
  return majors[0] ? join(root, majors[0], 'bin') : null
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the package's `postgres` user. */
function serverIdentity(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  const uid = id('-u')
  const gid = id('-g')
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error('running as root but there is no "postgres" user to run the test cluster as')
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

function initCluster(bin: string, dataDir: string, identity: { uid: number; gid: number } | null) {
  const result = spawnSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', TEST_ROLE, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N'],
    { encoding: 'utf8', ...(identity ?? {}) },
  )
  if (result.status !== 0) throw new Error(`initdb failed:\n${result.stdout}${result.stderr}`)
}

/**
 * vitest global setup of the postgres project: a cluster of this run's own in a temp dir (initdb,
 * trust auth, listening only on a unix socket in that dir and a free port number), started and
 * stopped by PID. fsync is off: the tests kill intake processes, never the cluster or the machine.
 * Without PostgreSQL nothing starts and the tests fail saying which package to install.
 */
export default async function startPostgresServices(): Promise<() => Promise<void>> {
  const bin = postgresBinDir()
  if (!bin) {
    process.env[POSTGRES_ENV.missing] = '1'
    return async () => {}
  }
  endOrphans()
  const identity = serverIdentity()
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pg-'))
  const dataDir = join(dir, 'data')
  const socketDir = join(dir, 'socket')
  mkdirSync(dataDir, { mode: 0o700 })
  mkdirSync(socketDir, { mode: 0o700 })
  if (identity)
    for (const path of [dir, dataDir, socketDir]) chownSync(path, identity.uid, identity.gid)
  let service: Service | undefined
  const stop = async () => {
    await service?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    initCluster(bin, dataDir, identity)
    const port = await freePortPair()
    const logFile = join(dir, 'postgres.log')
    service = startService(
      'postgres',
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-k',
        socketDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=',
        '-c',
        'fsync=off',
        // The upstream suite opens many upstreams side by side, each with its own pool.
        '-c',
        'max_connections=400',
      ],
      { logFile, ...(identity ? { identity } : {}) },
    )
    await waitForLog(service, logFile, (log) => log.includes('ready to accept connections'))
    process.env[POSTGRES_ENV.url] =
      `postgresql://${TEST_ROLE}@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`
  } catch (error) {
    await stop()
    throw error
  }
  return stop
}
