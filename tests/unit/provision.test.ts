import { describe, expect, it } from 'vitest'
import { provision, type ProvisionSystem } from '../setup/provision'
import { aptInstallLine, missingPackages, SYSTEM_PACKAGES } from '../setup/system-packages'

/** A machine with `installed` packages that records what provisioning ran and printed. */
function fakeMachine(options: {
  installed: string[]
  isRoot?: boolean
  hasApt?: boolean
  aptFails?: boolean
  binding?: boolean
  bindingAfterInstall?: boolean
}) {
  const installed = new Set(options.installed)
  let binding = options.binding ?? true
  const ran: string[] = []
  const printed: string[] = []
  const system: ProvisionSystem = {
    query: (name) => installed.has(name),
    isRoot: options.isRoot ?? true,
    hasApt: options.hasApt ?? true,
    run(command, args) {
      ran.push([command, ...args].join(' '))
      if (command === 'apt-get' && options.aptFails) return { status: 100, output: 'E: no network' }
      if (command === 'apt-get' && args[0] === 'install') {
        for (const name of args.filter((a) => !a.startsWith('-')).slice(1)) installed.add(name)
      }
      if (command === 'npm') binding = options.bindingAfterInstall ?? true
      return { status: 0, output: '' }
    },
    hasPcscBinding: () => binding,
    print: (line) => printed.push(line),
  }
  return { system, ran, printed }
}

const ALL = SYSTEM_PACKAGES.map((p) => p.name)

describe('npm test pre-step: system packages', () => {
  it('does nothing but say so when everything is there', () => {
    const { system, ran, printed } = fakeMachine({ installed: ALL })
    expect(provision(system)).toBe(0)
    expect(ran).toEqual([])
    expect(printed.join('\n')).toContain(`all ${ALL.length} present`)
  })

  it('installs the missing packages as root with apt, and only those', () => {
    const { system, ran } = fakeMachine({
      installed: ALL.filter((n) => n !== 'socat' && n !== 'pcscd'),
    })
    expect(provision(system)).toBe(0)
    expect(ran).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends socat pcscd',
    ])
  })

  it('prints the one apt-get line and stops when it may not install', () => {
    const { system, ran, printed } = fakeMachine({ installed: ['chromium'], isRoot: false })
    expect(provision(system)).toBe(1)
    expect(ran).toEqual([])
    const missing = missingPackages(SYSTEM_PACKAGES, (n) => n === 'chromium') ?? []
    expect(printed).toContain(aptInstallLine(missing, false))
    expect(printed.at(-1)).toMatch(/^sudo apt-get install -y --no-install-recommends ffmpeg /)
  })

  it('stops with the line to run when apt fails', () => {
    const { system, printed } = fakeMachine({ installed: [], aptFails: true })
    expect(provision(system)).toBe(1)
    expect(printed.join('\n')).toContain('E: no network')
    expect(printed.at(-1)).toContain('apt-get install -y --no-install-recommends chromium')
  })

  it('puts the PC/SC binding back that npm install skipped without the headers', () => {
    const { system, ran } = fakeMachine({ installed: ALL, binding: false })
    expect(provision(system)).toBe(0)
    expect(ran).toEqual(['npm install --no-save --no-audit --no-fund'])
  })

  it('fails, saying what to check, when the binding still does not build', () => {
    const { system, printed } = fakeMachine({
      installed: ALL,
      binding: false,
      bindingAfterInstall: false,
    })
    expect(provision(system)).toBe(1)
    expect(printed.at(-1)).toContain('libpcsclite-dev')
  })

  it('carries on, naming the packages, where there is no dpkg to ask', () => {
    const { system, printed } = fakeMachine({ installed: [] })
    system.query = () => null
    expect(provision(system)).toBe(0)
    expect(printed[0]).toContain(ALL.join(' '))
  })
})
