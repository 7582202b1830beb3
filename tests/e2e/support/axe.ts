import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
/** axe-core's browser bundle, injected as a script: the kiosk's CSP does not apply to it then. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** WCAG 2.1 A and AA: what the kiosk promises (contrast included). */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

interface AxeResultNode {
  target: unknown[]
}
interface AxeResult {
  id: string
  impact?: string | null
  help: string
  nodes: AxeResultNode[]
}

/**
 * The WCAG AA violations axe-core finds on the page as it is now. Playwright's addScriptTag
 * would go through the page's CSP; evaluating the source through the devtools protocol does not.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const results = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }
    ).axe
    const run = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as { violations: unknown[] }
    return run.violations
  }, WCAG_AA_TAGS)
  return (results as AxeResult[]).map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }))
}

/** Fails with every violation named and located, so the report says what to fix. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  if (violations.length === 0) return
  const lines = violations.map(
    (v) => `- ${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`,
  )
  throw new Error(`${where}: ${violations.length} WCAG AA violation(s)\n${lines.join('\n')}`)
}
