import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import {
  addOfficer,
  approveExceptions,
  captureTenFingers,
  placeTrainingCard,
  pressContinue,
  readChip,
  signedInHome,
  startEnrollment,
  stepOf,
  text,
  waitForStep,
  type Lang,
} from './support/enrollment-page'
import { startHostProcess, type HostProcess } from './support/host-process'
import { setUpStation, SUPERVISOR } from './support/officer-session'
import { launchWithCamera } from './support/portrait-page'
import { ARTIFACTS_DIR } from './support/screenshot'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-enrollment-'))
const OFFICER = { username: 'can-bo', password: 'đường về làng xa xôi', name: 'Nguyễn Thị Lan' }
const HOST_ARGS = ['--data-dir', dataDir, '--devices', 'simulated']
let host: HostProcess
let browser: Browser
let page: Page

beforeAll(async () => {
  host = await startHostProcess(HOST_ARGS)
  // The fake camera shows a good face: the portrait step auto-captures.
  browser = await launchWithCamera('good')
  await setUpStation(await browser.newPage(), host)
  expect(await addOfficer(dataDir, OFFICER)).toBe(0)
}, 120_000)

afterEach(async () => {
  await page?.context().close()
})

afterAll(async () => {
  await browser?.close()
  const code = await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  expect(code).toBe(0)
})

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  page = await context.newPage()
  return page
}

/** Saves the screen for a person to look at, and checks it against WCAG AA. */
async function shot(name: string): Promise<void> {
  await page.screenshot({
    path: join(ARTIFACTS_DIR, name),
    animations: 'disabled',
    caret: 'hide',
    fullPage: true,
  })
  await expectAccessible(page, name)
}

/** Signed in as the officer, a training card read: the enrollment at step 1 with its citizen. */
async function enrollReadCard(lang: Lang, dateOfBirth?: string): Promise<string> {
  await newPage()
  await signedInHome(page, host.url, lang, OFFICER)
  await startEnrollment(page, lang)
  const can = await placeTrainingCard(page, lang, dateOfBirth)
  await readChip(page, lang, can)
  return (await page.getByTestId('person-name').textContent()) ?? ''
}

describe.each(['vi', 'en'] as const)('a full enrollment in %s', (lang) => {
  it(
    'from sign-in to the printed receipt, every step on screen',
    { timeout: 420_000 },
    async () => {
      const name = await enrollReadCard(lang)
      const idNumber = (await page.getByTestId('person-id').textContent()) ?? ''
      expect(idNumber).toMatch(/^\d{12}$/)
      expect(await page.locator('[data-check="passiveAuth"]').getAttribute('data-verdict')).toBe(
        'valid',
      )
      await shot(`enrollment-${lang}-1-identify.png`)
      await pressContinue(page, lang)

      await waitForStep(page, 'eligibility')
      expect(
        await page
          .locator('[data-testid="eligibility"] dd[data-grant]')
          .nth(1)
          .getAttribute('data-grant'),
      ).toBe('granted')
      await shot(`enrollment-${lang}-2-eligibility.png`)
      await pressContinue(page, lang)

      await waitForStep(page, 'contact')
      await page.getByLabel(text(lang, 'enrollment.contact.phone')).fill('0912 345 678')
      await page.getByText('+84912345678').first().waitFor()
      await shot(`enrollment-${lang}-3-contact.png`)
      await page.getByLabel(text(lang, 'enrollment.contact.phone')).press('Enter')

      await waitForStep(page, 'documents')
      await page
        .getByLabel(text(lang, 'enrollment.documents.healthInsurance'))
        .fill('DN4010123456789')
      await page
        .getByRole('button', { name: text(lang, 'enrollment.documents.addVehicle') })
        .click()
      await page.getByLabel(text(lang, 'enrollment.documents.plate')).fill('30A-123.45')
      await shot(`enrollment-${lang}-4-documents.png`)
      await pressContinue(page, lang)

      await waitForStep(page, 'portrait')
      const accept = page.getByRole('button', { name: text(lang, 'portrait.accept') })
      await accept.waitFor({ timeout: 180_000 })
      await shot(`enrollment-${lang}-5-portrait.png`)
      await accept.click()

      await waitForStep(page, 'fingerprints', 60_000)
      await page.getByTestId('fingerprint-screen').waitFor()
      await shot(`enrollment-${lang}-6-fingerprints.png`)
      await captureTenFingers(page, lang)

      await waitForStep(page, 'review', 60_000)
      await approveExceptions(page, lang)
      await page
        .getByRole('checkbox', {
          name: new RegExp(text(lang, 'consent.purposeChoices.level2Account').slice(0, 30)),
        })
        .check()
      await page.getByRole('button', { name: text(lang, 'enrollment.review.accept') }).click()
      await page.getByTestId('consent-recorded').waitFor()
      await shot(`enrollment-${lang}-7-review.png`)
      await page.getByRole('button', { name: text(lang, 'enrollment.review.submit') }).click()

      await waitForStep(page, 'receipt', 60_000)
      await page.getByTestId('receipt-qr').waitFor()
      expect(await page.getByTestId('receipt-name').textContent()).toBe(name)
      const fileId = (await page.getByTestId('receipt-file-id').textContent()) ?? ''
      // The file number is a random UUID: its last group is all digits about once in 300 runs.
      const html = (await page.content()).replaceAll(fileId, '')
      // The receipt holds the name and the file number; no ID number, phone, photo or print.
      expect(fileId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
      expect(html).not.toContain(idNumber)
      expect(html).not.toContain('+84912345678')
      expect(html).not.toContain('data:image')
      expect(html).not.toMatch(/\b\d{12}\b/)
      await shot(`enrollment-${lang}-8-receipt.png`)

      // The print stylesheet shows the receipt only; the PDF is what a printer would get.
      await page.emulateMedia({ media: 'print' })
      await page.screenshot({
        path: join(ARTIFACTS_DIR, `enrollment-${lang}-8-receipt-print.png`),
        fullPage: true,
      })
      const hidden = await page.evaluate(
        () => getComputedStyle(document.querySelector('.step-indicator')!).visibility,
      )
      expect(hidden).toBe('hidden')
      const pdfPath = join(ARTIFACTS_DIR, `enrollment-${lang}-receipt.pdf`)
      await page.pdf({ path: pdfPath, format: 'A5', printBackground: true })
      expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-')
      await page.emulateMedia({ media: 'screen' })

      await page.getByRole('button', { name: text(lang, 'enrollment.receipt.done') }).click()
      await page.getByRole('button', { name: text(lang, 'home.start') }).waitFor()
      expect(await page.content()).not.toContain(name)
      if (lang === 'en')
        await page
          .getByRole('button', { name: text('vi', 'language.vi') })
          .first()
          .click()
    },
  )
})

describe('the files on the training upstream', () => {
  it(
    'the review shows the real portrait, chip photo, ten fingers, documents and phone',
    { timeout: 180_000 },
    async () => {
      // The host prints the training upstream's review address (with its token) after the URL.
      const reviewUrl = /\((http:\/\/127\.0\.0\.1:\d+\/review\/\S*)\)/.exec(host.output())?.[1]
      expect(reviewUrl, host.output()).toBeDefined()
      await newPage()
      await page.goto(reviewUrl!)
      const rows = page.locator('tr.row')
      // A submit asks for a sync pass at once: the files enrolled above arrive within seconds.
      await expect.poll(() => rows.count(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2)
      let found = false
      for (let i = 0; i < (await rows.count()) && !found; i++) {
        await rows.nth(i).click()
        await page.locator('#desk-identity').waitFor()
        found = ((await page.locator('#desk-integration').textContent()) ?? '').includes('30A')
      }
      expect(found).toBe(true)
      expect(await page.locator('#facts').textContent()).toContain('+84912345678')
      expect(await page.locator('#desk-identity').textContent()).toMatch(/\d{12}/)
      const decoded = (selector: string) =>
        page
          .locator(selector)
          .evaluateAll(
            (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length,
          )
      for (const face of ['#kiosk-face', '#chip-face'])
        await expect.poll(() => decoded(face), { timeout: 30_000 }).toBe(1)
      await expect.poll(() => decoded('#fingers img'), { timeout: 60_000 }).toBe(10)
      expect(await page.locator('#desk-integration').textContent()).toContain('DN4010123456789')
      await page.screenshot({
        path: join(ARTIFACTS_DIR, 'enrollment-review-upstream.png'),
        fullPage: true,
      })
    },
  )
})

describe('children, wrong keys, locks, restarts and the no-chip path', () => {
  it(
    'a child under 6 is refused level 2, and the enrollment ends without a file',
    { timeout: 120_000 },
    async () => {
      await enrollReadCard('vi', '2022-02-03')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'eligibility')
      const grants = page.locator('[data-testid="eligibility"] dd[data-grant]')
      expect(await grants.nth(1).getAttribute('data-grant')).toBe('refused')
      await pressContinue(page, 'vi')
      await page.getByTestId('refusal').waitFor()
      expect(await page.getByTestId('refusal-reason').textContent()).toContain('Trẻ dưới 6 tuổi')
      await shot('enrollment-child-under-6-refused.png')
      await page.getByRole('button', { name: text('vi', 'enrollment.eligibility.finish') }).click()
      await page.getByRole('button', { name: text('vi', 'home.start') }).waitFor()
    },
  )

  it(
    'a child from 6 to 13 goes on once the legal representative is recorded',
    { timeout: 120_000 },
    async () => {
      await enrollReadCard('vi', '2017-06-07')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'eligibility')
      const form = page.getByTestId('guardian-form')
      await form
        .getByLabel(text('vi', 'enrollment.eligibility.guardianName'))
        .fill('Nguyễn Thị Mai')
      await form.getByLabel(text('vi', 'enrollment.eligibility.guardianId')).fill('001180001234')
      await form
        .getByRole('button', { name: text('vi', 'enrollment.eligibility.guardianSave') })
        .click()
      await page.getByTestId('guardian-recorded').waitFor()
      await shot('enrollment-child-guardian.png')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'contact')
    },
  )

  it(
    'a wrong CAN is refused with what to do; the right one reads the chip',
    { timeout: 120_000 },
    async () => {
      await newPage()
      await signedInHome(page, host.url, 'vi', OFFICER)
      await startEnrollment(page, 'vi')
      const can = await placeTrainingCard(page, 'vi')
      const wrong = can === '111111' ? '222222' : '111111'
      await readChip(page, 'vi', wrong)
      expect(await page.getByTestId('read-error').getAttribute('data-code')).toBe('E_ACCESS_DENIED')
      expect(
        await page.getByLabel(text('vi', 'enrollment.identify.accessLabel')).inputValue(),
      ).toBe(wrong)
      await shot('enrollment-wrong-can.png')
      await readChip(page, 'vi', can)
      await page.getByTestId('person-name').waitFor()
    },
  )

  it(
    'locking mid-enrollment takes the citizen off the page; unlocking resumes',
    { timeout: 120_000 },
    async () => {
      const name = await enrollReadCard('vi')
      // The idle timer's action, taken at once: the same lock the SessionGate applies after 2 minutes.
      await page.getByRole('button', { name: text('vi', 'session.menu.lock') }).click()
      await page.getByRole('heading', { name: text('vi', 'session.lock.title') }).waitFor()
      expect(await page.content()).not.toContain(name)
      expect(await page.content()).not.toContain('data:image')
      await shot('enrollment-locked.png')
      await page.locator('input[type="password"]').fill(OFFICER.password)
      await page.getByRole('button', { name: text('vi', 'session.lock.unlock') }).click()
      await waitForStep(page, 'identify')
      expect(await page.getByTestId('person-name').textContent()).toBe(name)
    },
  )

  it(
    'the citizen without a chip card: the identity from the papers, flagged',
    { timeout: 120_000 },
    async () => {
      await newPage()
      await signedInHome(page, host.url, 'vi', OFFICER)
      await startEnrollment(page, 'vi')
      await page
        .getByRole('button', { name: text('vi', 'enrollment.identify.modes.papers') })
        .click()
      const form = page.getByTestId('person-form-papers')
      await form.getByLabel(text('vi', 'enrollment.identify.fields.fullName')).fill('Lê Văn Cường')
      await form.getByLabel(text('vi', 'enrollment.identify.fields.idNumber')).fill('001090004321')
      await form.getByLabel(text('vi', 'enrollment.identify.fields.dateOfBirth')).fill('1990-05-06')
      await form.getByLabel(text('vi', 'enrollment.identify.applicationRef')).fill('HS-2026-000123')
      await form.getByRole('button', { name: text('vi', 'enrollment.identify.papersSave') }).click()
      await page.getByTestId('not-chip-verified').waitFor()
      await shot('enrollment-no-chip.png')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'eligibility')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'contact')
    },
  )

  it(
    'a missing finger, declared with its reason, approved by a supervisor, and the file submitted',
    { timeout: 420_000 },
    async () => {
      await enrollReadCard('vi')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'eligibility')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'contact')
      await page.getByLabel(text('vi', 'enrollment.contact.phone')).fill('0912345678')
      await page.getByLabel(text('vi', 'enrollment.contact.phone')).press('Enter')
      await waitForStep(page, 'documents')
      await pressContinue(page, 'vi')
      await waitForStep(page, 'portrait')
      const accept = page.getByRole('button', { name: text('vi', 'portrait.accept') })
      await accept.waitFor({ timeout: 180_000 })
      await accept.click()

      await waitForStep(page, 'fingerprints', 60_000)
      // The first finger (the right thumb) is declared missing: amputated, then approved.
      const panel = page.getByTestId('missing-panel')
      await panel.getByLabel(text('vi', 'fingerprints.missing.reason')).selectOption('amputated')
      await panel.getByRole('button', { name: text('vi', 'fingerprints.missing.declare') }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel(text('vi', 'approval.reason')).fill('Ngón cái tay phải bị cụt')
      await dialog.getByLabel(text('vi', 'approval.supervisor')).fill(SUPERVISOR.username)
      await dialog.getByLabel(text('vi', 'session.fields.password')).fill(SUPERVISOR.password)
      await dialog.getByRole('button', { name: text('vi', 'approval.submit') }).click()
      await dialog.waitFor({ state: 'detached' })
      // Excused, the right thumb shows as such on the hand; the selection moves to the next finger.
      await page.locator('g[data-finger="right-thumb"][data-status="exception-approved"]').waitFor()
      await shot('enrollment-missing-finger.png')
      await captureTenFingers(page, 'vi')

      await waitForStep(page, 'review', 60_000)
      const missing = page.locator('[data-testid="exceptions"] li[data-exception="missing-finger"]')
      expect(await missing.getAttribute('data-approved')).toBe('true')
      await approveExceptions(page, 'vi')
      await page
        .getByRole('checkbox', {
          name: new RegExp(text('vi', 'consent.purposeChoices.level2Account').slice(0, 30)),
        })
        .check()
      await page.getByRole('button', { name: text('vi', 'enrollment.review.accept') }).click()
      await page.getByTestId('consent-recorded').waitFor()
      await page.getByRole('button', { name: text('vi', 'enrollment.review.submit') }).click()
      await waitForStep(page, 'receipt', 60_000)
      await page.getByTestId('receipt-qr').waitFor()
    },
  )

  it('a host restart mid-way resumes the draft at its step', { timeout: 180_000 }, async () => {
    const name = await enrollReadCard('vi')
    await pressContinue(page, 'vi')
    await waitForStep(page, 'eligibility')
    await page.context().close()
    expect(await host.stop()).toBe(0)
    host = await startHostProcess(HOST_ARGS)
    await newPage()
    await page.goto(host.url)
    await page.locator('input[name="username"]').waitFor()
    await page.locator('input[name="username"]').fill(OFFICER.username)
    await page.locator('input[name="password"]').fill(OFFICER.password)
    await page.locator('button[type="submit"]').click()
    await waitForStep(page, 'eligibility')
    expect(await stepOf(page)).toBe('eligibility')
    await shot('enrollment-resumed.png')
    // The identity read before the restart is there: back to step 1 shows it.
    await page.getByRole('button', { name: text('vi', 'enrollment.flow.back') }).click()
    await waitForStep(page, 'identify')
    expect(await page.getByTestId('person-name').textContent()).toBe(name)
  })
})
