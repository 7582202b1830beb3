import { z } from 'zod'
import {
  errorMessage,
  fail,
  isRequestChannel,
  KioskError,
  ok,
  requests,
  type ParsedRequestInput,
  type Reply,
  type RequestChannel,
  type RequestOutput,
} from '../contract'
import type { Logger } from './log'
import type { Caller, OfficerSession } from './officers/session-types'
import { safeParse } from '../../lib/schema'

/** What a handler knows about the request beyond its input: where it came from, and who. */
export interface CallContext {
  caller: Caller
  /** The officer signed in on the caller's window or socket; null on a public channel without one. */
  session: OfficerSession | null
}

/** The core's implementation of every request channel; inputs arrive already validated. */
export type Handlers = {
  [C in RequestChannel]: (
    input: ParsedRequestInput<C>,
    context: CallContext,
  ) => RequestOutput<C> | Promise<RequestOutput<C>>
}

/** Whether `caller` may use `channel` (the contract's role table): its session, or the refusal. */
export type Authorize = (
  channel: RequestChannel,
  caller: Caller,
) => { ok: true; session: OfficerSession | null } | { ok: false; error: KioskError }

/** A request from a window or socket the shell registered with the core (`core.connect`). */
export type Dispatch = (
  channel: string,
  payload: unknown,
  caller: Caller,
) => Promise<Reply<unknown>>

/**
 * The one entry point every shell uses: checks the channel, then who may call it (the role table
 * next to each channel in the contract), then the payload, runs the handler, checks its answer,
 * and turns every failure into `{ ok: false }`. A handler never runs for a refused caller.
 */
export function createDispatcher(
  handlers: Handlers,
  log: Logger,
  isClosed: () => boolean,
  authorize: Authorize,
): Dispatch {
  return async (channel, payload, caller) => {
    if (!isRequestChannel(channel))
      return fail('E_UNKNOWN_CHANNEL', `unknown channel "${channel.slice(0, 100)}"`)
    if (isClosed()) return fail('E_CLOSED', 'the kiosk core is shutting down')
    const access = authorize(channel, caller)
    if (!access.ok) return fail(access.error.code, access.error.message, access.error.sentence)
    const spec = requests[channel]
    const input = safeParse(spec.input, payload)
    if (!input.success) return fail('E_SCHEMA', `${channel}: ${z.prettifyError(input.error)}`)
    try {
      const handler = handlers[channel] as (input: unknown, context: CallContext) => unknown
      const output = safeParse(
        spec.output,
        await handler(input.data, { caller, session: access.session }),
      )
      if (output.success) return ok(output.data)
      log.error('handler answered outside the contract', {
        channel,
        issues: output.error.issues.length,
      })
      return fail('E_INTERNAL', `${channel}: the core answered outside the contract`)
    } catch (error) {
      if (error instanceof KioskError) return fail(error.code, error.message, error.sentence)
      log.error('handler failed', {
        channel,
        error: errorMessage(error),
      })
      return fail('E_INTERNAL', `${channel}: internal error`)
    }
  }
}
