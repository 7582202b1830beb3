import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root, found from this file (electron/cli/) so `npx kiosk` works from any folder. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export const RENDERER_BUILD_DIR = join(PROJECT_ROOT, 'out', 'renderer')

export function rendererIsBuilt(dir: string = RENDERER_BUILD_DIR): boolean {
  return existsSync(join(dir, 'index.html'))
}
