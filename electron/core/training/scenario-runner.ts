import { fingerNames, type Scenario, type Sentence } from '../../contract'
import type { Caller } from '../officers'
import { ScenarioDriver, typed, type ScenarioCore, type TimelineEntry } from './scenario-driver'

export interface ScenarioRunOptions {
  /** Milliseconds, monotonic: the timeline's clock (injected). */
  clock(): number
  /** The fake camera's frame, PNG base64, that portrait.check is given. */
  cameraFrame(): Promise<string>
}

export interface ScenarioResult {
  scenario: string
  outcome: 'submitted' | 'refused'
  fileId: string | null
  refusal: Sentence | null
  /** The outcome is the one the scenario expects. */
  asExpected: boolean
  timeline: TimelineEntry[]
  /** Officer input events (clicks and keys) the run stands for. */
  officerInputs: number
  ms: number
}

/**
 * Drives one scenario through the enrollment state machine as the renderer would: the same
 * channels (card, portrait, fingerprint, approvals, enrollment), on the caller's connection, with
 * the signed-in officer of the scenario. Devices are the core's simulated ones.
 */
export async function runScenario(
  core: ScenarioCore,
  caller: Caller,
  scenario: Scenario,
  options: ScenarioRunOptions,
): Promise<ScenarioResult> {
  const started = options.clock()
  const d = new ScenarioDriver(core, caller, options.clock)
  if (await d.request('enrollment.current', {}, 0)) await d.request('enrollment.cancel', {}, 1)
  await d.request('enrollment.start', {}, 1)
  await identify(d, scenario)
  let view = await d.intent({ type: 'identify.confirm' })
  if (scenario.guardian && view.eligibility?.guardianRequired) {
    const g = scenario.guardian
    await d.intent({ type: 'eligibility.guardian', guardian: g }, typed(g.fullName, g.idNumber) + 1)
  }
  view = await d.intent({ type: 'eligibility.confirm' })
  if (view.phase === 'refused') {
    await d.request('enrollment.finish', {}, 1)
    return result(
      scenario,
      d,
      { outcome: 'refused', fileId: null, refusal: view.refusal },
      started,
      options,
    )
  }
  const { contact } = scenario
  await d.intent({ type: 'contact.set', ...contact }, typed(contact.phone, contact.email) + 1)
  const docs = scenario.documents ?? {}
  await d.intent({ type: 'documents.set', ...docs }, typed(...Object.values(flatText(docs))) + 1)
  await d.request('portrait.check', { pngBase64: await options.cameraFrame(), capture: 'auto' }, 0)
  await d.intent({ type: 'portrait.use' })
  await fingers(d, scenario)
  await d.intent({ type: 'fingerprints.done' })
  for (const approval of scenario.approvals ?? [])
    if (approval.exception !== 'missing-finger') await grant(d, scenario, approval)
  const { consent } = scenario
  await d.intent({ type: 'consent.accept', ...consent }, consent.purposes.length + 1)
  view = await d.intent({ type: 'submit' })
  const fileId = view.receipt?.fileId ?? null
  await d.request('enrollment.finish', {}, 1)
  return result(scenario, d, { outcome: 'submitted', fileId, refusal: null }, started, options)
}

/** Step 1: the card (wrong CANs first, if the scenario has them), the papers, or typed in. */
async function identify(d: ScenarioDriver, scenario: Scenario): Promise<void> {
  const { card, identity } = scenario
  if (card) {
    const { wrongCans: _typedLater, ...insert } = card
    const inserted = await d.request<{ accessKeys: { can: string } }>(
      'card.simulateInsert',
      insert,
      0,
    )
    for (const can of card.wrongCans ?? [])
      await d.request(
        'card.read',
        { access: { kind: 'CAN', can } },
        typed(can) + 1,
        'E_ACCESS_DENIED',
      )
    const can = inserted?.accessKeys.can ?? ''
    await d.request('card.read', { access: { kind: 'CAN', can } }, typed(can) + 1)
    await d.intent({ type: 'identify.chip' })
  } else if (identity) {
    const p = identity.person
    const inputs = typed(p.fullName, p.idNumber, p.dateOfBirth, identity.cccdApplicationRef) + 2
    if (identity.source === 'papers')
      await d.intent(
        {
          type: 'identify.papers',
          person: p,
          cccdApplicationRef: identity.cccdApplicationRef ?? '',
        },
        inputs,
      )
    else
      await d.intent(
        { type: 'identify.entered', source: 'manual', person: p, document: 'temporary-residence' },
        inputs,
      )
  }
  if (scenario.residenceCard)
    await d.intent(
      { type: 'identify.residenceCard', residenceCard: scenario.residenceCard },
      typed(scenario.residenceCard.number) + 1,
    )
}

/** Step 6: each finger captured on the simulated scanner, or declared missing with an approval. */
async function fingers(d: ScenarioDriver, scenario: Scenario): Promise<void> {
  const missing = new Map((scenario.fingers?.missing ?? []).map((m) => [m.finger, m.reason]))
  for (const finger of fingerNames) {
    const reason = missing.get(finger)
    if (!reason) {
      // The screen moves to the next finger by itself: the officer only guides the citizen.
      await d.request('fingerprint.capture', { finger }, 0)
      continue
    }
    const approval = scenario.approvals?.find((a) => a.exception === 'missing-finger')
    await grant(d, scenario, approval ?? { exception: 'missing-finger', reason: 'training' })
    await d.request('fingerprint.markMissing', { finger, reason }, 3)
  }
}

/** The supervisor signs in on the spot and approves one exception (their inputs, not the officer's). */
async function grant(
  d: ScenarioDriver,
  scenario: Scenario,
  approval: NonNullable<Scenario['approvals']>[number],
): Promise<void> {
  await d.request('approvals.grant', { ...scenario.supervisor, ...approval }, 0)
}

function flatText(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') out[key] = v
    else if (v && typeof v === 'object')
      for (const [k, inner] of Object.entries(v)) walk(inner, `${key}.${k}`)
  }
  walk(value, '')
  return out
}

function result(
  scenario: Scenario,
  d: ScenarioDriver,
  end: Pick<ScenarioResult, 'outcome' | 'fileId' | 'refusal'>,
  started: number,
  options: ScenarioRunOptions,
): ScenarioResult {
  const expected = scenario.expect
  const asExpected =
    end.outcome === expected.outcome &&
    (expected.refusal === undefined || end.refusal?.key === expected.refusal)
  return {
    scenario: scenario.name,
    ...end,
    asExpected,
    timeline: d.timeline,
    officerInputs: d.timeline.reduce((n, e) => n + e.inputs, 0),
    ms: options.clock() - started,
  }
}
