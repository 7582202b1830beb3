import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { bilingualMessage } from '../../lib/messages'
import {
  aptInstallLine,
  dpkgQuery,
  missingPackages,
  SYSTEM_PACKAGES,
  type PackageQuery,
  type SystemPackage,
} from './system-packages'

/** What provisioning may do to the machine; injected so the decisions can be tested. */
export interface ProvisionSystem {
  query: PackageQuery
  isRoot: boolean
  hasApt: boolean
  /** Runs a command to completion; `output` is its stdout and stderr, for failure messages. */
  run(command: string, args: readonly string[]): { status: number | null; output: string }
  /** True when the PC/SC binding's compiled add-on is in node_modules. */
  hasPcscBinding(): boolean
  print(line: string): void
}

/**
 * The pre-step of `npm test`: the system packages the suites need, installed when missing (as root
 * with apt) or named in one `apt-get install` line; then the PC/SC binding, which `npm install`
 * skips on a machine without libpcsclite's headers, installed again once they are there.
 * Returns the exit code.
 */
export function provision(
  system: ProvisionSystem,
  packages: readonly SystemPackage[] = SYSTEM_PACKAGES,
): number {
  const missing = missingPackages(packages, system.query)
  if (missing === null) {
    system.print(bilingualMessage('setup.noDpkg', { names: packages.map((p) => p.name).join(' ') }))
  } else if (missing.length === 0) {
    system.print(bilingualMessage('setup.present', { count: packages.length }))
  } else if (!(system.isRoot && system.hasApt)) {
    system.print(bilingualMessage('setup.missing', { count: missing.length }))
    for (const pkg of missing) system.print(`  ${pkg.name}: ${pkg.why}`)
    system.print(aptInstallLine(missing, system.isRoot))
    return 1
  } else if (!installPackages(system, missing)) {
    return 1
  }
  return ensurePcscBinding(system)
}

function installPackages(system: ProvisionSystem, missing: readonly SystemPackage[]): boolean {
  const names = missing.map((p) => p.name)
  system.print(bilingualMessage('setup.installing', { names: names.join(' ') }))
  const steps: [string, string[]][] = [
    ['apt-get', ['update', '-qq']],
    ['apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names]],
  ]
  for (const [command, args] of steps) {
    const result = system.run(command, args)
    if (result.status !== 0) {
      system.print(result.output.trim())
      system.print(bilingualMessage('setup.installFailed', { line: aptInstallLine(missing, true) }))
      return false
    }
  }
  const still = missingPackages(missing, system.query) ?? []
  if (still.length > 0) {
    system.print(bilingualMessage('setup.installFailed', { line: aptInstallLine(still, true) }))
    return false
  }
  system.print(bilingualMessage('setup.installed', { count: names.length }))
  return true
}

function ensurePcscBinding(system: ProvisionSystem): number {
  if (system.hasPcscBinding()) return 0
  // npm drops an optional dependency whose build failed; a plain install puts it back from the lock.
  system.print(bilingualMessage('setup.bindingInstalling'))
  const result = system.run('npm', ['install', '--no-save', '--no-audit', '--no-fund'])
  if (result.status === 0 && system.hasPcscBinding()) return 0
  system.print(result.output.trim())
  system.print(bilingualMessage('setup.bindingFailed'))
  return 1
}

/** This machine, with the project at `root`. */
export function machine(root: string): ProvisionSystem {
  return {
    query: dpkgQuery,
    isRoot: process.getuid?.() === 0,
    hasApt: !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error,
    run(command, args) {
      const result = spawnSync(command, args, {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 64 * 1024 * 1024,
      })
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`
      return { status: result.error ? null : result.status, output }
    },
    hasPcscBinding: () =>
      existsSync(join(root, 'node_modules/@pokusew/pcsclite/build/Release/pcsclite.node')),
    print: (line) => console.log(line),
  }
}
