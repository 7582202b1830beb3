import { spawnSync } from 'node:child_process'

/** A Debian package one of the suites needs, and what for (printed when it is missing). */
export interface SystemPackage {
  name: string
  why: string
}

/** Everything `npm test` needs from the system. Later suites add theirs here. */
export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: 'chromium', why: 'the renderer and Playwright specs (tests/e2e)' },
  { name: 'ffmpeg', why: "webcam fixtures (.y4m) for Chromium's fake capture device" },
  { name: 'socat', why: 'serial pty pairs for the EF01 transport and discovery tests' },
  { name: 'udev', why: 'udevadm, through which serialport lists ports' },
  { name: 'pcscd', why: 'the PC/SC daemon the pcsc suites read cards through' },
  { name: 'libpcsclite-dev', why: 'the headers the PC/SC binding compiles against' },
  { name: 'vsmartcard-vpcd', why: 'the virtual readers inside pcscd' },
  { name: 'vsmartcard-vpicc', why: "vicc's ePassport emulator: an independent card" },
  { name: 'python3-pycryptodome', why: "the ciphers vicc's emulator uses" },
  { name: 'swtpm', why: 'the software TPM 2.0 the station-key suite seals against (tpm project)' },
  { name: 'swtpm-tools', why: "swtpm's setup tools, for a TPM state the tests create" },
  {
    name: 'tpm2-tools',
    why: 'tpm2_createprimary, tpm2_create, tpm2_load, tpm2_unseal: the TPM protector',
  },
  { name: 'libtss2-tcti-swtpm0', why: "the TCTI through which tpm2-tools reach swtpm's socket" },
  {
    name: 'postgresql',
    why: "the upstream's PostgreSQL backend (postgres project: a test cluster)",
  },
]

/** Asks dpkg whether a package is installed; null when there is no dpkg (not Debian). */
export type PackageQuery = (name: string) => boolean | null

export const dpkgQuery: PackageQuery = (name) => {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' })
  if (result.error) return null
  return result.status === 0 && result.stdout.includes('install ok installed')
}

/** The packages that are not installed, or null when this system cannot be asked. */
export function missingPackages(
  packages: readonly SystemPackage[],
  query: PackageQuery = dpkgQuery,
): SystemPackage[] | null {
  const missing: SystemPackage[] = []
  for (const pkg of packages) {
    const installed = query(pkg.name)
    if (installed === null) return null
    if (!installed) missing.push(pkg)
  }
  return missing
}

/** The one command that installs them, for a person to run. */
export function aptInstallLine(missing: readonly SystemPackage[], asRoot: boolean): string {
  const names = missing.map((p) => p.name).join(' ')
  return `${asRoot ? '' : 'sudo '}apt-get install -y --no-install-recommends ${names}`
}
