import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Why Electron's binary cannot be run, or null when it can. Mirrors node_modules/electron/index.js,
 * which would start a download (forbidden or impossible here) instead of answering.
 */
export function electronBinaryProblem(dir) {
  const pathFile = join(dir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const file = join(override, executable || 'electron')
    return existsSync(file) ? null : `${file} not found`
  }
  if (!executable) return `${pathFile} not found`
  const file = join(dir, 'dist', executable)
  return existsSync(file) ? null : `${file} not found`
}
