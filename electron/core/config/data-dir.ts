import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** The data directory cannot be created or used; `cause` is the file system's reason. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
  ) {
    super(`${dir}: ${reason}`)
    this.name = 'DataDirError'
  }
}

/**
 * Creates the data directory (owner-only) and its missing parents, one level at a time, and checks
 * it is a writable directory. Not `mkdirSync(dir, { recursive: true })`: Node's recursive mkdir
 * loops forever at 100 % CPU where the parent exists but refuses children with ENOENT (`/proc/x`).
 */
export function ensureDataDir(dir: string): void {
  const missing: string[] = []
  for (let current = resolve(dir); !existsSync(current); current = dirname(current)) {
    missing.push(current)
    if (dirname(current) === current) break
  }
  try {
    for (const level of missing.reverse()) mkdirSync(level, { mode: 0o700 })
    if (!statSync(dir).isDirectory()) throw new Error('not a directory')
    accessSync(dir, constants.W_OK)
  } catch (error) {
    throw new DataDirError(resolve(dir), error instanceof Error ? error.message : String(error))
  }
}
