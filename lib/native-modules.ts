import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/**
 * Where this process loads native add-ons from. Under plain Node (tests, CLI, host) that is
 * node_modules; the Electron shell points it at native/electron-abi/, where
 * native/prepare-electron.js built the same add-ons for Electron's ABI.
 */
let electronAbiDir: string | null = null

export function loadNativeModulesFrom(dir: string | null): void {
  electronAbiDir = dir
}

/** better-sqlite3's `nativeBinding` option: the Electron build when one is configured. */
export function betterSqliteBinding(): string | undefined {
  if (!electronAbiDir) return undefined
  const file = join(electronAbiDir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  if (!existsSync(file)) throw new Error(`missing ${file}: run "node native/prepare-electron.js"`)
  return file
}

/**
 * The PC/SC binding's factory, typed by its callers (drivers/smartcard/pcsc/binding.ts): the
 * binding is an optional dependency, absent where libpcsclite's headers were missing at install,
 * so nothing here may need its type declarations to compile.
 */
const PCSCLITE = '@pokusew/pcsclite'

export async function importPcsclite(): Promise<unknown> {
  if (electronAbiDir) {
    const pkg = join(electronAbiDir, '@pokusew', 'pcsclite', 'package.json')
    return createRequire(pkg)('./') as unknown
  }
  return ((await import(PCSCLITE)) as { default: unknown }).default
}
