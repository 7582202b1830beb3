// The installers' configuration (electron-builder.ts) without building one: Electron's binary
// and headers cannot be downloaded here. It must satisfy electron-builder's own JSON schema, set
// every fuse @electron/fuses knows, unpack every native add-on, and ship every resources/ folder
// the code reads at run time where the packaged app looks for it.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import Ajv from 'ajv'
import { FuseV1Options } from '@electron/fuses'
import { afterAll, describe, expect, it } from 'vitest'
import config, { KIOSK_FUSES, NATIVE_ADDONS, SHIPPED_RESOURCES } from '../../electron-builder'
import { loadScenarios, scenarioFolder } from '../../electron/core/training/scenario-files'
import { shippedResourcesDir } from '../../electron/main/resources-dir'
import { trainingPhotoPath } from '../../drivers/smartcard'

const root = join(import.meta.dirname, '..', '..')
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

/** The only glob form the config uses: `prefix/**\/*`, everything under a folder. */
function matchesFolderGlob(pattern: string, path: string): boolean {
  if (!pattern.endsWith('/**/*')) throw new Error(`the test cannot judge the pattern ${pattern}`)
  return path.startsWith(pattern.slice(0, -'**/*'.length))
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}

describe('electron-builder.ts', () => {
  it("is valid against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' })
    const schema = readJson(join(root, 'node_modules/app-builder-lib/scheme.json')) as object
    const validate = ajv.compile(schema)
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true)
    // The validator does catch a mistake: an unknown option, a wrong fuse type.
    expect(validate({ ...config, asarUnpak: [] })).toBe(false)
    expect(validate({ ...config, electronFuses: { ...KIOSK_FUSES, runAsNode: 'no' } })).toBe(false)
  })

  it('builds NSIS for Windows and AppImage + deb for Linux, in an asar', () => {
    const targets = (list: unknown) => (list as { target: string }[]).map((t) => t.target)
    expect(targets(config.win?.target)).toEqual(['nsis'])
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb'])
    expect(config.asar).toBe(true)
    // The Node builds in node_modules stay for the CLI and tests; Electron's come from native/.
    expect(config.npmRebuild).toBe(false)
    expect(config.files).toContain('native/electron-abi/**/*')
    expect(config.files).toContain('out/**/*')
  })
})

describe('the fuses', () => {
  const fuseKey = (name: string) => `${name[0]?.toLowerCase() ?? ''}${name.slice(1)}`
  const fuseNames = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)))
  const REQUIRED: Record<string, boolean> = {
    RunAsNode: false,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true,
    EnableCookieEncryption: true,
  }

  it('sets each required fuse to its required value', () => {
    expect(config.electronFuses).toBe(KIOSK_FUSES)
    const fuses: Record<string, unknown> = KIOSK_FUSES
    for (const [name, value] of Object.entries(REQUIRED)) {
      expect(fuseNames, name).toContain(name)
      expect(fuses[fuseKey(name)], name).toBe(value)
    }
  })

  it("decides every fuse of @electron/fuses' list but WasmTrapHandlers, and names no other", () => {
    // electron-builder's options have no key for WasmTrapHandlers: it keeps Electron's default.
    const decided = fuseNames.filter((name) => name !== 'WasmTrapHandlers').map(fuseKey)
    expect(Object.keys(KIOSK_FUSES).sort()).toEqual(decided.sort())
  })
})

/** Every package the app depends on at run time, with its folder, through the dependency tree. */
function runtimePackages(): Map<string, string> {
  const found = new Map<string, string>()
  const visit = (name: string, from: string) => {
    if (found.has(name)) return
    let dir = from
    while (!existsSync(join(dir, 'node_modules', name, 'package.json'))) {
      if (dir === root) return // an optional dependency this platform did not install
      dir = dirname(dir)
    }
    const pkgDir = join(dir, 'node_modules', name)
    found.set(name, pkgDir)
    const pkg = readJson(join(pkgDir, 'package.json')) as Record<string, Record<string, string>>
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }))
      visit(dep, pkgDir)
  }
  const app = readJson(join(root, 'package.json')) as Record<string, Record<string, string>>
  for (const dep of Object.keys({ ...app.dependencies, ...app.optionalDependencies }))
    visit(dep, root)
  return found
}

describe('native add-ons', () => {
  it('every run-time package with a native build is listed and unpacked from the asar', () => {
    const native = [...runtimePackages()]
      .filter(([, dir]) => existsSync(join(dir, 'binding.gyp')))
      .map(([name]) => name)
    expect(native.length).toBeGreaterThan(0)
    expect([...NATIVE_ADDONS].sort()).toEqual(expect.arrayContaining(native.sort()))
    const unpack = config.asarUnpack as string[]
    for (const name of NATIVE_ADDONS) {
      const file = `node_modules/${name}/build/Release/addon.node`
      expect(
        unpack.some((p) => matchesFolderGlob(p, file)),
        name,
      ).toBe(true)
    }
    // The Electron-ABI builds native/prepare-electron.js makes.
    expect(
      unpack.some((p) => matchesFolderGlob(p, 'native/electron-abi/better-sqlite3/x.node')),
    ).toBe(true)
  })
})

describe('resources/', () => {
  const packaged = mkdtempSync(join(tmpdir(), 'kiosk-packaged-'))
  afterAll(() => rmSync(packaged, { recursive: true, force: true }))

  /** extraResources applied by hand: what an installed kiosk has beside app.asar. */
  function installResources(): string {
    const [entry] = config.extraResources as { from: string; to: string; filter: string[] }[]
    if (!entry) throw new Error('no extraResources')
    const source = join(root, entry.from)
    for (const file of filesUnder(source)) {
      if (!entry.filter.some((pattern) => matchesFolderGlob(pattern, file))) continue
      mkdirSync(dirname(join(packaged, entry.to, file)), { recursive: true })
      cpSync(join(source, file), join(packaged, entry.to, file))
    }
    return join(packaged, 'app.asar', 'out', 'main')
  }

  it('ships every resources/ folder the code reads as files at run time', () => {
    const sources = ['electron', 'drivers', 'lib', 'upstream', 'protocol']
      .flatMap((dir) => filesUnder(join(root, dir)).map((f) => join(root, dir, f)))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('test-support'))
    const read = new Set<string>()
    for (const file of sources) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'resources',\s*'([\w-]+)'/g))
        if (match[1]) read.add(match[1])
    }
    expect(read.size).toBeGreaterThan(0)
    expect([...SHIPPED_RESOURCES]).toEqual(expect.arrayContaining([...read]))
  })

  it('puts them where the packaged app looks: trust list, scenarios, training photo', () => {
    const mainDir = installResources()
    const resources = shippedResourcesDir({
      packaged: true,
      resourcesPath: packaged,
      appPath: join(packaged, 'app.asar'),
    })
    expect(filesUnder(join(resources, 'trust')).sort()).toEqual(
      filesUnder(join(root, 'resources', 'trust')).sort(),
    )
    const scenarios = scenarioFolder(mainDir)
    expect(scenarios).toBe(join(resources, 'scenarios'))
    expect(loadScenarios(scenarios).length).toBe(
      loadScenarios(join(root, 'resources', 'scenarios')).length,
    )
    expect(trainingPhotoPath(mainDir)).toBe(join(resources, 'camera', 'training-citizen.jpg'))
    // Not shipped as files: the locales and password list are bundled into the code.
    expect(existsSync(join(resources, 'locales'))).toBe(false)
  })

  it('in development, the project folder', () => {
    expect(shippedResourcesDir({ packaged: false, resourcesPath: '/x', appPath: root })).toBe(
      join(root, 'resources'),
    )
  })
})
