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
import { safeParse } from '../../lib/schema'

/** The core's implementation of every request channel; inputs arrive already validated. */
export type Handlers = {
  [C in RequestChannel]: (
    input: ParsedRequestInput<C>,
  ) => RequestOutput<C> | Promise<RequestOutput<C>>
}

export type Dispatch = (channel: string, payload: unknown) => Promise<Reply<unknown>>

/**
 * The one entry point every shell uses: checks the channel and the payload against the contract,
 * runs the handler, checks its answer, and turns every failure into `{ ok: false }`.
 */
export function createDispatcher(
  handlers: Handlers,
  log: Logger,
  isClosed: () => boolean,
): Dispatch {
  return async (channel, payload) => {
    if (!isRequestChannel(channel))
      return fail('E_UNKNOWN_CHANNEL', `unknown channel "${channel.slice(0, 100)}"`)
    if (isClosed()) return fail('E_CLOSED', 'the kiosk core is shutting down')
    const spec = requests[channel]
    const input = safeParse(spec.input, payload)
    if (!input.success) return fail('E_SCHEMA', `${channel}: ${z.prettifyError(input.error)}`)
    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      const output = safeParse(spec.output, await handler(input.data))
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
