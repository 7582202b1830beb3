import {
  KioskError,
  type EnrollmentIntent,
  type EnrollmentStep,
  type EnrollmentView,
  type Reply,
} from '../../contract'
import type { Caller } from '../officers'

/** What the driver needs of the core: the same dispatch every shell uses. */
export interface ScenarioCore {
  dispatch(channel: string, payload: unknown, caller: Caller): Promise<Reply<unknown>>
}

/** One thing done at the desk, timed: a request to the core and what the officer did for it. */
export interface TimelineEntry {
  /** The channel, with the intent's type for `enrollment.intent`. */
  action: string
  /** The step the enrollment is at afterwards (null before it starts or when it did not answer). */
  step: EnrollmentStep | null
  ms: number
  ok: boolean
  /** The error code of a refused request (a wrong CAN, say), expected or not. */
  error?: string
  /** Officer input events it stands for: clicks and key presses. */
  inputs: number
}

/**
 * Sends requests for one connection and keeps the timeline. A refused request throws a
 * KioskError unless the caller expected that code.
 */
export class ScenarioDriver {
  readonly timeline: TimelineEntry[] = []
  private view: EnrollmentView | null = null

  constructor(
    private readonly core: ScenarioCore,
    private readonly caller: Caller,
    private readonly clock: () => number,
  ) {}

  get current(): EnrollmentView | null {
    return this.view
  }

  async request<T>(
    channel: string,
    payload: unknown,
    inputs: number,
    expectError?: string,
  ): Promise<T | null> {
    const started = this.clock()
    const reply = await this.core.dispatch(channel, payload, this.caller)
    const ms = this.clock() - started
    const action =
      channel === 'enrollment.intent' ? `intent:${(payload as EnrollmentIntent).type}` : channel
    const step = reply.ok && isView(reply.value) ? reply.value.step : (this.view?.step ?? null)
    const entry: TimelineEntry = { action, step, ms, ok: reply.ok, inputs }
    if (!reply.ok) entry.error = reply.error.code
    this.timeline.push(entry)
    if (reply.ok) {
      if (isView(reply.value)) this.view = reply.value
      return reply.value as T
    }
    if (reply.error.code === expectError) return null
    throw new KioskError(reply.error.code, `${action}: ${reply.error.message}`, {
      key: reply.error.messageKey ?? `errors.${reply.error.code}`,
      ...(reply.error.params ? { params: reply.error.params } : {}),
    })
  }

  /** One intent; answers the new view. */
  async intent(intent: EnrollmentIntent, inputs = 1): Promise<EnrollmentView> {
    const view = await this.request<EnrollmentView>('enrollment.intent', intent, inputs)
    if (!view) throw new Error(`${intent.type} gave no view`)
    return view
  }
}

function isView(value: unknown): value is EnrollmentView {
  return typeof value === 'object' && value !== null && 'enrollmentId' in value && 'step' in value
}

/** Keys typed for a text: one press a character, plus the click into the field. */
export const typed = (...texts: (string | undefined)[]): number =>
  texts.reduce((n, text) => n + (text ? text.length + 1 : 0), 0)
