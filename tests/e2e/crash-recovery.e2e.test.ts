// Issue 15, kiosk behaviour: the renderer dies mid-enrollment. The kiosk reloads its start page
// (electron/main/kiosk-glue.ts does it on render-process-gone); here the page is crashed through
// CDP and a new page opens the app as the kiosk would. The officer lands on a screen without the
// citizen's data, signs in again and the draft resumes at its step with what was entered.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium } from './support/browser'
import {
  addOfficer,
  placeTrainingCard,
  pressContinue,
  readChip,
  signedInHome,
  startEnrollment,
  stepOf,
  text,
  waitForStep,
} from './support/enrollment-page'
import { startHostProcess, type HostProcess } from './support/host-process'
import { setUpStation, signIn } from './support/officer-session'
import { ARTIFACTS_DIR } from './support/screenshot'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-crash-'))
const OFFICER = { username: 'can-bo', password: 'mây trắng bay trên đỉnh núi', name: 'Phạm Văn An' }
const PHONE = '0912 345 678'
let host: HostProcess
let browser: Browser

beforeAll(async () => {
  host = await startHostProcess(['--data-dir', dataDir, '--devices', 'simulated'])
  browser = await launchChromium()
  await setUpStation(await browser.newPage(), host)
  expect(await addOfficer(dataDir, OFFICER)).toBe(0)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(code).toBe(0)
})

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  return context.newPage()
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({
    path: join(ARTIFACTS_DIR, name),
    animations: 'disabled',
    fullPage: true,
  })
}

/** Kills the page's renderer the way a real crash does; resolves once Playwright saw it die. */
async function crashPage(page: Page): Promise<void> {
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()))
  const cdp = await page.context().newCDPSession(page)
  // Page.crash never answers: the renderer that would answer is gone.
  cdp.send('Page.crash').catch(() => undefined)
  await crashed
}

it(
  'a renderer crash mid-enrollment reloads to a safe screen and resumes the draft at its step',
  { timeout: 240_000 },
  async () => {
    const page = await newPage()
    await signedInHome(page, host.url, 'vi', OFFICER)
    await startEnrollment(page, 'vi')
    await readChip(page, 'vi', await placeTrainingCard(page, 'vi'))
    const name = (await page.getByTestId('person-name').textContent()) ?? ''
    expect(name).not.toBe('')
    await pressContinue(page, 'vi')
    await waitForStep(page, 'eligibility')
    await pressContinue(page, 'vi')
    await waitForStep(page, 'contact')
    await page.getByLabel(text('vi', 'enrollment.contact.phone')).fill(PHONE)
    await page.getByLabel(text('vi', 'enrollment.contact.phone')).press('Enter')
    await waitForStep(page, 'documents')
    await shot(page, 'crash-1-before.png')

    await crashPage(page)
    expect(page.isClosed()).toBe(false)
    await page.context().close()

    // The kiosk's reload: its start page again, in a fresh renderer.
    const reloaded = await newPage()
    await reloaded.goto(host.url)
    await reloaded.locator('input[name="username"]').waitFor()
    // The safe screen: the sign-in, with nothing of the citizen on it.
    expect(await reloaded.content()).not.toContain(name)
    expect(await reloaded.getByTestId('step-heading').count()).toBe(0)
    await shot(reloaded, 'crash-2-safe-screen.png')

    await signIn(reloaded, OFFICER.username, OFFICER.password)
    await waitForStep(reloaded, 'documents')
    expect(await stepOf(reloaded)).toBe('documents')
    await shot(reloaded, 'crash-3-resumed.png')
    await reloaded.getByRole('button', { name: text('vi', 'enrollment.flow.back') }).click()
    await waitForStep(reloaded, 'contact')
    const phone = reloaded.getByLabel(text('vi', 'enrollment.contact.phone'))
    expect((await phone.inputValue()).replace(/\D/g, '')).toBe(PHONE.replace(/\D/g, ''))
    await reloaded.getByRole('button', { name: text('vi', 'enrollment.flow.back') }).click()
    await reloaded.getByRole('button', { name: text('vi', 'enrollment.flow.back') }).click()
    await waitForStep(reloaded, 'identify')
    expect(await reloaded.getByTestId('person-name').textContent()).toBe(name)
    await reloaded.context().close()
  },
)
