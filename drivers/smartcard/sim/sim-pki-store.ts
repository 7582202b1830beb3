import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { createSimPki, simPkiFromPem, simPkiToPem, type SimPki } from '../pki/sim-pki'

/**
 * Folder of a station's data directory holding the simulators' simulator PKI: the virtual CCCDs of
 * `kiosk sim card` and `kiosk sim enroll` are signed by it, and the training upstream trusts its
 * CSCA, so simulated files verify `valid` end to end.
 */
export const SIM_PKI_DIR_NAME = 'sim-pki'
/** CSCA and document signer, certificates and keys, in one PEM file (mode 0600). */
export const SIM_PKI_FILE = 'sim-pki.pem'
/** The same file as stations before 0.2 named it; renamed in place on first use. */
const LEGACY_SIM_PKI_FILE = 'test-pki.pem'
/** The CSCA alone, for `kiosk card read --trust <dir>/trust` and upstream trust directories. */
export const SIM_CSCA_FILE = join('trust', 'csca.pem')

/** The PKI file exists but cannot be read back. */
export class SimPkiError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`)
    this.name = 'SimPkiError'
  }
}

/**
 * The simulator PKI kept in `dir`, created on first use. It survives restarts so trust directories
 * given its CSCA stay valid; two processes creating it at once end up with the same one (the
 * file is linked into place, never overwritten).
 */
export async function loadOrCreateSimPki(dir: string, now: Date): Promise<SimPki> {
  const file = join(dir, SIM_PKI_FILE)
  const legacy = join(dir, LEGACY_SIM_PKI_FILE)
  if (!existsSync(file) && existsSync(legacy)) await rename(legacy, file)
  let pki: SimPki
  if (existsSync(file)) {
    pki = await readPki(file)
  } else {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const fresh = createSimPki({ now })
    const temp = tempName(file)
    await writeFile(temp, simPkiToPem(fresh), { mode: 0o600 })
    try {
      await link(temp, file)
      pki = fresh
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      pki = await readPki(file)
    } finally {
      await unlink(temp).catch(() => undefined)
    }
  }
  await writeCscaFile(join(dir, SIM_CSCA_FILE), pki)
  return pki
}

async function readPki(file: string): Promise<SimPki> {
  try {
    return simPkiFromPem(await readFile(file, 'utf8'))
  } catch (error) {
    throw new SimPkiError(file, (error as Error).message)
  }
}

/** Hidden, so trust directory loaders skip it while it is being written. */
function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`)
}

/** Writes `pki`'s CSCA certificate (PEM) to `file` unless it already holds exactly that. */
export async function writeCscaFile(file: string, pki: SimPki): Promise<void> {
  const pem = pki.csca.certificatePem
  if (existsSync(file) && (await readFile(file, 'utf8')) === pem) return
  await mkdir(dirname(file), { recursive: true })
  // Renamed into place: a reader loading the trust directory never sees half a certificate.
  const temp = tempName(file)
  await writeFile(temp, pem)
  await rename(temp, file)
}
