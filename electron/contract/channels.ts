import { z } from 'zod'
import {
  BarcodeListenResultSchema,
  BarcodeScannedEventSchema,
  ParseCccdQrInputSchema,
  ParsedCccdQrSchema,
  SimulateScanInputSchema,
} from './barcode'
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
import { EnrollmentViewSchema } from './enrollment'
import { ScenarioSummarySchema } from './scenario'
import { EnrollmentIntentSchema, StartEnrollmentInputSchema } from './enrollment-intents'
import {
  FingerInputSchema,
  FingerprintDuplicateEventSchema,
  FingerprintPreviewEventSchema,
  FingerprintProgressEventSchema,
  FingerprintSessionSchema,
  FingerStateSchema,
  MarkMissingInputSchema,
} from './fingerprint'
import {
  AddOfficerInputSchema,
  ApprovalSchema,
  ChangePasswordInputSchema,
  GrantApprovalInputSchema,
  OfficerSummarySchema,
  OfficerTargetInputSchema,
  ResetPasswordInputSchema,
  SessionInfoSchema,
  SessionStatusSchema,
  SetRoleInputSchema,
  SetupInputSchema,
  SignInInputSchema,
  UnlockInputSchema,
  type OfficerRole,
} from './officers'
import {
  PortraitCheckInputSchema,
  PortraitCheckResultSchema,
  PortraitSettingsSchema,
} from './portrait'
import {
  QueueItemSchema,
  QueueStatusSchema,
  SyncPassSummarySchema,
  SyncProgressEventSchema,
} from './queue'

/**
 * Who may call a channel: `public` (no sign-in: the sign-in and setup screens need these), or the
 * roles whose signed-in session may. The dispatcher checks it before the handler runs.
 */
export type ChannelAccess = 'public' | readonly OfficerRole[]

/** A request channel: what the renderer sends, what the core answers (inside a Reply), and who may. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  access: ChannelAccess
}

function request<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: ChannelAccess,
): RequestSpec<I, O> {
  return { input, output, access }
}

const noInput = z.object({}).strict()
/** Role sets of the table below. */
const ANY_ROLE = ['officer', 'supervisor', 'support'] as const
const ENROLLS = ['officer', 'supervisor'] as const
const SUPERVISES = ['supervisor'] as const
const RUNS_STATION = ['supervisor', 'support'] as const

/**
 * Every request channel, declared once. Names are `namespace.method`; the typed client groups them
 * by namespace (`kiosk.devices.list({})`). Inputs are strict: unknown keys are a schema error.
 */
export const requests = {
  'app.info': request(noInput, AppInfoSchema, 'public'),
  'devices.list': request(noInput, z.array(DeviceInfoSchema), ANY_ROLE),
  'devices.refresh': request(noInput, z.array(DeviceInfoSchema), ANY_ROLE),
  'settings.setLanguage': request(
    z.object({ language: LanguageSchema }).strict(),
    z.object({ language: LanguageSchema }),
    'public',
  ),
  'card.readers': request(noInput, CardReadersSchema, ANY_ROLE),
  /** Reads the chip: access control, every file, verification; progress comes as events. */
  'card.read': request(CardReadInputSchema, CardReadResultSchema, ENROLLS),
  /** Training only (devices = simulated): put a virtual CCCD on the reader, or take it off. */
  'card.simulateInsert': request(SimulateInsertInputSchema, SimulatedCardSchema, ENROLLS),
  'card.simulateRemove': request(noInput, z.object({ removed: z.boolean() }), ENROLLS),
  /** The text of a CCCD's QR code (webcam, wedge scanner, paste) as the enrollment's Person. */
  'barcode.parseCccdQr': request(ParseCccdQrInputSchema, ParsedCccdQrSchema, ENROLLS),
  /** This window wants `barcode.scanned` events from the serial scanner (until unlisten or close). */
  'barcode.listen': request(noInput, BarcodeListenResultSchema, ENROLLS),
  'barcode.unlisten': request(noInput, BarcodeListenResultSchema, ENROLLS),
  /** Training only (devices = simulated): the simulated serial scanner reads this payload. */
  'barcode.simulateScan': request(
    SimulateScanInputSchema,
    z.object({ sent: z.boolean() }),
    ENROLLS,
  ),
  'queue.status': request(noInput, QueueStatusSchema, ANY_ROLE),
  'queue.list': request(
    z
      .object({
        state: z.enum(['queued', 'sent', 'dead']).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        before: z.string().max(40).optional(),
      })
      .strict(),
    z.array(QueueItemSchema),
    ANY_ROLE,
  ),
  'queue.retry': request(
    z.object({ fileId: z.string().uuid() }).strict(),
    z.object({ requeued: z.boolean() }),
    RUNS_STATION,
  ),
  'sync.now': request(noInput, SyncPassSummarySchema, RUNS_STATION),
  'terminal.register': request(
    z.object({ code: z.string().min(4).max(64) }).strict(),
    z.object({ terminalId: z.string(), upstreamId: z.string(), registeredAt: z.string() }),
    RUNS_STATION,
  ),
  /** Whether the station needs its first supervisor, and who is signed in on this window. */
  'session.status': request(noInput, SessionStatusSchema, 'public'),
  /** First run: the one-time code the station printed creates the first supervisor. */
  'session.setup': request(SetupInputSchema, SessionInfoSchema, 'public'),
  'session.signIn': request(SignInInputSchema, SessionInfoSchema, 'public'),
  'session.signOut': request(noInput, z.object({ signedOut: z.boolean() }), 'public'),
  /** The screen went idle: the session stays, locked, until its officer's password opens it. */
  'session.lock': request(noInput, SessionInfoSchema, ANY_ROLE),
  'session.unlock': request(UnlockInputSchema, SessionInfoSchema, 'public'),
  /** Input happened on the screen (sent at most every few seconds): keeps the session awake. */
  'session.touch': request(noInput, z.object({ locked: z.boolean() }), ANY_ROLE),
  'session.changePassword': request(ChangePasswordInputSchema, SessionInfoSchema, ANY_ROLE),
  'officers.list': request(noInput, z.array(OfficerSummarySchema), SUPERVISES),
  'officers.add': request(AddOfficerInputSchema, OfficerSummarySchema, SUPERVISES),
  'officers.unlock': request(OfficerTargetInputSchema, OfficerSummarySchema, SUPERVISES),
  'officers.disable': request(OfficerTargetInputSchema, OfficerSummarySchema, SUPERVISES),
  'officers.enable': request(OfficerTargetInputSchema, OfficerSummarySchema, SUPERVISES),
  'officers.resetPassword': request(ResetPasswordInputSchema, OfficerSummarySchema, SUPERVISES),
  'officers.setRole': request(SetRoleInputSchema, OfficerSummarySchema, SUPERVISES),
  /** A supervisor (another account) signs in on the spot and approves one named exception. */
  'approvals.grant': request(GrantApprovalInputSchema, ApprovalSchema, ENROLLS),
  /** The approvals this session holds for the enrollment in progress. */
  'approvals.pending': request(noInput, z.array(ApprovalSchema), ENROLLS),
  /** Limits, auto-capture and match settings the live capture shares with the re-check. */
  'portrait.settings': request(noInput, PortraitSettingsSchema, ENROLLS),
  /**
   * The chosen frame, re-checked by the main process with the same analysis; returns the token
   * image and the comparison with this window's last chip photo. A manual capture needs an
   * approval of 'manual-portrait' first.
   */
  'portrait.check': request(PortraitCheckInputSchema, PortraitCheckResultSchema, ENROLLS),
  /** This officer's enrollment in progress (resumed from its draft after a restart), or null. */
  'enrollment.current': request(noInput, EnrollmentViewSchema.nullable(), ENROLLS),
  /** Starts a new enrollment; refused while one is in progress (cancel it first). */
  'enrollment.start': request(StartEnrollmentInputSchema, EnrollmentViewSchema, ENROLLS),
  /** One officer action on the enrollment in progress; answers the new state. */
  'enrollment.intent': request(EnrollmentIntentSchema, EnrollmentViewSchema, ENROLLS),
  /** Abandons the enrollment in progress: its draft and every citizen detail are deleted. */
  'enrollment.cancel': request(noInput, z.object({ cancelled: z.boolean() }), ENROLLS),
  /** Training: the scenarios a trainer can pick (resources/scenarios), empty on real devices. */
  'training.scenarios': request(noInput, z.array(ScenarioSummarySchema), ENROLLS),
  /** After the receipt: forgets the submitted enrollment (the file stays queued). */
  'enrollment.finish': request(noInput, z.object({ finished: z.boolean() }), ENROLLS),
  /** The ten fingers of this window's enrollment: status, attempts, best quality, exceptions. */
  'fingerprint.session': request(noInput, FingerprintSessionSchema, ENROLLS),
  /**
   * One capture attempt of a finger (the best of the attempts is kept); progress and previews come
   * as events, a duplicate of another finger as `fingerprint.duplicate` at once.
   */
  'fingerprint.capture': request(FingerInputSchema, FingerStateSchema, ENROLLS),
  /** Stops this window's capture in progress; it rejects with E_CANCELLED. */
  'fingerprint.cancel': request(noInput, z.object({ cancelled: z.boolean() }), ENROLLS),
  /** Drops a finger's captures so it can be taken again (after a duplicate warning). */
  'fingerprint.discard': request(FingerInputSchema, FingerStateSchema, ENROLLS),
  /** Declares a finger missing; excused only with an approval of 'missing-finger' held. */
  'fingerprint.markMissing': request(MarkMissingInputSchema, FingerStateSchema, ENROLLS),
  /** Takes a missing-finger declaration back (the finger is captured after all). */
  'fingerprint.withdrawMissing': request(FingerInputSchema, FingerStateSchema, ENROLLS),
  /** Starts the ten fingers again from nothing. */
  'fingerprint.reset': request(noInput, FingerprintSessionSchema, ENROLLS),
} as const satisfies Record<string, RequestSpec>

/**
 * Every event the core pushes to the renderer, declared once. Events in `sessionEvents` carry
 * citizen data: they go only to the window or socket whose request caused them.
 */
export const events = {
  'devices.changed': z.array(DeviceInfoSchema),
  'app.languageChanged': z.object({ language: LanguageSchema }),
  'card.inserted': CardInsertedEventSchema,
  'card.removed': CardRemovedEventSchema,
  'card.readProgress': CardReadProgressEventSchema,
  'card.readStep': CardReadStepEventSchema,
  'card.readResult': CardReadResultSchema,
  /** A serial scanner read a code; only to connections that sent `barcode.listen`. */
  'barcode.scanned': BarcodeScannedEventSchema,
  'queue.changed': QueueStatusSchema,
  /** A file's upload progress (file id and byte counts, no citizen data). */
  'sync.progress': SyncProgressEventSchema,
  'fingerprint.progress': FingerprintProgressEventSchema,
  'fingerprint.preview': FingerprintPreviewEventSchema,
  'fingerprint.duplicate': FingerprintDuplicateEventSchema,
} as const satisfies Record<string, z.ZodType>

/** Events with citizen data (chip fields, the face, fingers, progress of one officer's read, a QR scan). */
export const sessionEvents: ReadonlySet<EventName> = new Set<EventName>([
  'card.readResult',
  'card.readStep',
  'card.readProgress',
  'fingerprint.progress',
  'fingerprint.preview',
  'fingerprint.duplicate',
  'barcode.scanned',
])

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
