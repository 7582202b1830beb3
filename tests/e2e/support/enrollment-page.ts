import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import en from '../../../resources/locales/en.json'
import vi from '../../../resources/locales/vi.json'
import { SUPERVISOR, signIn } from './officer-session'

const root = join(import.meta.dirname, '..', '..', '..')
const catalogues = { vi, en } as const
export type Lang = keyof typeof catalogues

/** A text of the locale files, as the page shows it (placeholders filled). */
export function text(
  lang: Lang,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const found = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      catalogues[lang],
    )
  if (typeof found !== 'string') throw new Error(`no text ${key}`)
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''))
}

/** `kiosk officers add`: an officer, whose exceptions the supervisor approves. */
export function addOfficer(
  dataDir: string,
  officer: { username: string; password: string; name: string },
): Promise<number | null> {
  const args = ['officers', 'add', '--data-dir', dataDir, '--as', SUPERVISOR.username]
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'kiosk.js'),
      ...args,
      '--username',
      officer.username,
      '--name',
      officer.name,
    ],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  )
  child.stdin.end(`${SUPERVISOR.password}\n${officer.password}\n${officer.password}\n`)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

/** The enrollment step on screen (the heading's data-step), once one is. */
export async function stepOf(page: Page): Promise<string | null> {
  return page.getByTestId('step-heading').getAttribute('data-step')
}

export async function waitForStep(page: Page, step: string, timeout = 30_000): Promise<void> {
  await page.locator(`[data-testid="step-heading"][data-step="${step}"]`).waitFor({ timeout })
}

/** Signs in on `url`, in `lang`; an enrollment left over from an earlier test is cancelled. */
export async function signedInHome(
  page: Page,
  url: string,
  lang: Lang,
  who: { username: string; password: string },
): Promise<void> {
  await page.goto(url)
  await page.locator('input[name="username"]').waitFor()
  await signIn(page, who.username, who.password)
  await page.getByTestId('signed-in-as').waitFor()
  const start = page
    .getByRole('button', { name: text('vi', 'home.start') })
    .or(page.getByRole('button', { name: text('en', 'home.start') }))
  const heading = page.getByTestId('step-heading')
  await start.or(heading).first().waitFor()
  if (await heading.isVisible()) await cancelEnrollment(page)
  await page
    .getByRole('button', { name: text(lang, `language.${lang}`) })
    .first()
    .click()
  await page.getByRole('button', { name: text(lang, 'home.start') }).waitFor()
}

export async function cancelEnrollment(page: Page): Promise<void> {
  for (const lang of ['vi', 'en'] as const) {
    const cancel = page.getByRole('button', { name: text(lang, 'enrollment.flow.cancel') })
    if (await cancel.isVisible()) {
      await cancel.click()
      await page.getByRole('button', { name: text(lang, 'enrollment.flow.cancelYes') }).click()
      return
    }
  }
  // A refused or submitted enrollment has no cancel: it ends.
  for (const key of ['enrollment.eligibility.finish', 'enrollment.receipt.done']) {
    for (const lang of ['vi', 'en'] as const) {
      const end = page.getByRole('button', { name: text(lang, key) })
      if (await end.isVisible()) return end.click()
    }
  }
}

/** From the home: starts an enrollment and waits for step 1. */
export async function startEnrollment(page: Page, lang: Lang): Promise<void> {
  const start = page.getByRole('button', { name: text(lang, 'home.start') })
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === name && !b.disabled),
    text(lang, 'home.start'),
  )
  await start.click()
  await waitForStep(page, 'identify')
}

/** Training: places a virtual card (of `dateOfBirth`, if given) and answers the CAN it shows. */
export async function placeTrainingCard(
  page: Page,
  lang: Lang,
  dateOfBirth?: string,
): Promise<string> {
  if (dateOfBirth)
    await page.getByLabel(text(lang, 'enrollment.identify.trainingBirthDate')).fill(dateOfBirth)
  await page.getByRole('button', { name: text(lang, 'enrollment.identify.simulate') }).click()
  const shown = (await page.getByTestId('training-card').textContent()) ?? ''
  const can = /(\d{6})/.exec(shown)?.[1]
  if (!can) throw new Error(`no CAN in "${shown}"`)
  return can
}

/** Types `typed` as the ID or CAN, reads the chip and waits for the identity or the error. */
export async function readChip(page: Page, lang: Lang, typed: string): Promise<void> {
  await page.getByLabel(text(lang, 'enrollment.identify.accessLabel')).fill(typed)
  await page.getByRole('button', { name: text(lang, 'enrollment.identify.read') }).click()
  await page
    .getByTestId('person-name')
    .or(page.getByTestId('read-error'))
    .first()
    .waitFor({ timeout: 60_000 })
}

export async function pressContinue(page: Page, lang: Lang): Promise<void> {
  await page
    .getByRole('button', { name: text(lang, 'enrollment.flow.continue'), exact: true })
    .last()
    .click()
}

/** Captures every finger on the fingerprint screen (retrying as it asks), then "continue". */
export async function captureTenFingers(page: Page, lang: Lang): Promise<void> {
  const screen = page.getByTestId('fingerprint-screen')
  const done = page.getByTestId('fingerprints-done')
  const capture = screen.getByRole('button', {
    name: text(lang, 'fingerprints.capture'),
    exact: true,
  })
  const retry = screen.getByRole('button', { name: text(lang, 'fingerprints.retry') })
  for (let shots = 0; shots < 40; shots += 1) {
    await capture.or(retry).or(done).first().waitFor({ timeout: 60_000 })
    if (await done.isVisible()) break
    await ((await capture.isVisible()) ? capture : retry).click()
    // The screen marks a capture in progress; the next one starts when it has ended.
    await page
      .locator('[data-testid="fingerprint-screen"][data-capturing="false"]')
      .waitFor({ timeout: 60_000 })
  }
  await done.getByRole('button', { name: text(lang, 'fingerprints.continue') }).click()
}

/** Approves every exception the review lists as unapproved, as the supervisor. */
export async function approveExceptions(page: Page, lang: Lang): Promise<void> {
  const unapproved = page.locator('[data-testid="exceptions"] li[data-approved="false"]')
  while ((await unapproved.count()) > 0) {
    await unapproved
      .first()
      .getByRole('button', { name: text(lang, 'enrollment.review.approve') })
      .click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel(text(lang, 'approval.reason')).fill('Kiểm tra trực tiếp với công dân')
    await dialog.getByLabel(text(lang, 'approval.supervisor')).fill(SUPERVISOR.username)
    await dialog.getByLabel(text(lang, 'session.fields.password')).fill(SUPERVISOR.password)
    await dialog.getByRole('button', { name: text(lang, 'approval.submit') }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('[data-testid="exceptions"] li[data-approved="false"]').length <
        n,
      await unapproved.count().then((n) => n + 1),
    )
  }
}
