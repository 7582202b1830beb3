import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { checkAgainstReference, DEFAULT_COMPARE, type CompareOptions } from './screenshot-compare'

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', 'artifacts')
export const REFERENCES_DIR = join(import.meta.dirname, '..', 'references')

/**
 * Screenshots `page` into tests/e2e/artifacts/NAME and compares it, pixel by pixel, with
 * tests/e2e/references/NAME; throws with what differs. `mask` covers what changes from run to
 * run (station id, ports) with a solid box, so it is compared as a box.
 */
export async function expectScreenshotMatches(
  page: Page,
  name: string,
  options: { mask?: Locator[]; compare?: CompareOptions } = {},
): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const actualPath = join(ARTIFACTS_DIR, name)
  await page.screenshot({
    path: actualPath,
    animations: 'disabled',
    caret: 'hide',
    mask: options.mask ?? [],
    maskColor: '#ff00ff',
  })
  const problem = checkAgainstReference(
    actualPath,
    join(REFERENCES_DIR, name),
    options.compare ?? DEFAULT_COMPARE,
  )
  if (problem) throw new Error(problem)
}
