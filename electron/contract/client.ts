import {
  events,
  isEventName,
  requestChannels,
  requests,
  type EventName,
  type EventPayload,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from './channels'
import { errorMessage, fail, replySchema, type Reply } from './reply'
import { safeParse } from '../../lib/schema'

/**
 * How a client reaches the core. Electron's preload implements it over IPC, the headless host's
 * renderer over a WebSocket. `invoke` resolves with the raw reply; the client validates it.
 */
export interface ContractTransport {
  invoke(channel: RequestChannel, payload: unknown): Promise<unknown>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

type NamespaceOf<C> = C extends `${infer N}.${string}` ? N : never
type MethodOf<C, N extends string> = C extends `${N}.${infer M}` ? M : never

export type RequestFn<C extends RequestChannel> = (
  input: RequestInput<C>,
) => Promise<Reply<RequestOutput<C>>>

export type KioskRequests = {
  [N in NamespaceOf<RequestChannel>]: {
    [C in RequestChannel as MethodOf<C, N>]: RequestFn<C>
  }
}

export interface KioskClient extends KioskRequests {
  /** Listens to a core event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/**
 * Builds the one typed client from the contract. It never throws: transport failures and replies
 * that do not match the contract come back as `{ ok: false }`.
 */
export function createKioskClient(transport: ContractTransport): KioskClient {
  const namespaces: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const channel of requestChannels) {
    const [ns, method] = channel.split('.') as [string, string]
    const expected = replySchema(requests[channel].output)
    namespaces[ns] ??= {}
    namespaces[ns][method] = async (input: unknown) => {
      let raw: unknown
      try {
        raw = await transport.invoke(channel, input)
      } catch (error) {
        return fail('E_TRANSPORT', errorMessage(error))
      }
      const parsed = safeParse(expected, raw)
      return parsed.success
        ? parsed.data
        : fail('E_BAD_REPLY', `reply on ${channel} does not match the contract`)
    }
  }
  const on = (event: string, listener: (payload: never) => void): (() => void) => {
    if (!isEventName(event)) throw new Error(`unknown event ${event}`)
    const schema = events[event]
    return transport.subscribe(event, (payload) => {
      const parsed = safeParse(schema, payload)
      if (parsed.success) listener(parsed.data as never)
    })
  }
  return { ...namespaces, on } as unknown as KioskClient
}
