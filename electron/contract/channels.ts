import { z } from 'zod'
import {
  CardInsertedEventSchema,
  CardReadersSchema,
  CardReadInputSchema,
  CardReadProgressEventSchema,
  CardReadResultSchema,
  CardReadStepEventSchema,
  CardRemovedEventSchema,
  SimulatedCardSchema,
  SimulateInsertInputSchema,
} from './card'
import { AppInfoSchema, DeviceInfoSchema, LanguageSchema } from './domain'
import { QueueItemSchema, QueueStatusSchema, SyncPassSummarySchema } from './queue'

/** A request channel: what the renderer sends and what the core answers (inside a Reply). */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> {
  return { input, output }
}

const noInput = z.object({}).strict()

/**
 * Every request channel, declared once. Names are `namespace.method`; the typed client groups them
 * by namespace (`kiosk.devices.list({})`). Inputs are strict: unknown keys are a schema error.
 */
export const requests = {
  'app.info': request(noInput, AppInfoSchema),
  'devices.list': request(noInput, z.array(DeviceInfoSchema)),
  'devices.refresh': request(noInput, z.array(DeviceInfoSchema)),
  'settings.setLanguage': request(
    z.object({ language: LanguageSchema }).strict(),
    z.object({ language: LanguageSchema }),
  ),
  'card.readers': request(noInput, CardReadersSchema),
  /** Reads the chip: access control, every file, verification; progress comes as events. */
  'card.read': request(CardReadInputSchema, CardReadResultSchema),
  /** Training only (devices = simulated): put a virtual CCCD on the reader, or take it off. */
  'card.simulateInsert': request(SimulateInsertInputSchema, SimulatedCardSchema),
  'card.simulateRemove': request(noInput, z.object({ removed: z.boolean() })),
  'queue.status': request(noInput, QueueStatusSchema),
  'queue.list': request(
    z
      .object({
        state: z.enum(['queued', 'sent', 'dead']).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        before: z.string().max(40).optional(),
      })
      .strict(),
    z.array(QueueItemSchema),
  ),
  'queue.retry': request(
    z.object({ fileId: z.string().uuid() }).strict(),
    z.object({ requeued: z.boolean() }),
  ),
  'sync.now': request(noInput, SyncPassSummarySchema),
  'terminal.register': request(
    z.object({ code: z.string().min(4).max(64) }).strict(),
    z.object({ terminalId: z.string(), upstreamId: z.string(), registeredAt: z.string() }),
  ),
} as const satisfies Record<string, RequestSpec>

/** Every event the core pushes to the renderer, declared once. */
export const events = {
  'devices.changed': z.array(DeviceInfoSchema),
  'app.languageChanged': z.object({ language: LanguageSchema }),
  'card.inserted': CardInsertedEventSchema,
  'card.removed': CardRemovedEventSchema,
  'card.readProgress': CardReadProgressEventSchema,
  'card.readStep': CardReadStepEventSchema,
  'card.readResult': CardReadResultSchema,
  'queue.changed': QueueStatusSchema,
} as const satisfies Record<string, z.ZodType>

export type Requests = typeof requests
export type RequestChannel = keyof Requests
export type RequestInput<C extends RequestChannel> = z.input<Requests[C]['input']>
export type ParsedRequestInput<C extends RequestChannel> = z.output<Requests[C]['input']>
export type RequestOutput<C extends RequestChannel> = z.output<Requests[C]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const requestChannels = Object.keys(requests) as RequestChannel[]
export const eventNames = Object.keys(events) as EventName[]

export function isRequestChannel(name: string): name is RequestChannel {
  return Object.hasOwn(requests, name)
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}

/** The Electron IPC channel name for a request or event; one prefix so main can tell ours apart. */
export function ipcChannel(name: RequestChannel | EventName): string {
  return `kiosk:${name}`
}
