import { z } from 'zod'

export const languages = ['vi', 'en'] as const
export const LanguageSchema = z.enum(languages)
export type Language = z.infer<typeof LanguageSchema>

/** Where devices come from: real hardware, simulators, or real where found and simulators for the rest. */
export const deviceModes = ['auto', 'simulated', 'real'] as const
export const DeviceModeSchema = z.enum(deviceModes)
export type DeviceMode = z.infer<typeof DeviceModeSchema>

export const deviceKinds = ['card-reader', 'fingerprint', 'camera', 'barcode'] as const
export const DeviceKindSchema = z.enum(deviceKinds)
export type DeviceKind = z.infer<typeof DeviceKindSchema>

/** The devices an enrollment cannot do without (a barcode scanner is optional). */
export const requiredDeviceKinds: readonly DeviceKind[] = ['card-reader', 'fingerprint', 'camera']

/**
 * ready: usable now; busy: in use; degraded: usable with a warning (e.g. slow link);
 * absent: expected but not found; error: found but failing.
 */
export const healthStatuses = ['ready', 'busy', 'degraded', 'absent', 'error'] as const
export const HealthStatusSchema = z.enum(healthStatuses)
export type HealthStatus = z.infer<typeof HealthStatusSchema>

/**
 * Why a device is in its state, as a stable code the UI translates under `devices.reason.*`; every
 * value the device manager, its probes and providers produce is listed here.
 */
export const deviceHealthReasons = [
  /** Nothing of this kind is attached. */
  'not-found',
  /** A provider threw while looking for devices. */
  'probe-failed',
  /** The smart card daemon is not running. */
  'pcscd-down',
  /** The PC/SC binding (@pokusew/pcsclite) is not installed. */
  'pcsc-binding-missing',
  /** PC/SC answered with an error. */
  'pcsc-error',
  /** A card is on the reader (the reader is still ready). */
  'card-present',
  /** USB HID devices could not be listed. */
  'hid-error',
  /** Video devices could not be listed. */
  'video-error',
  /** A simulator failed to start or to answer. */
  'simulator-failed',
  /** The device's serial port would not open (another program holds it, or it was pulled out). */
  'port-unavailable',
] as const
export const DeviceHealthReasonSchema = z.enum(deviceHealthReasons)
export type DeviceHealthReason = z.infer<typeof DeviceHealthReasonSchema>

export const DeviceHealthSchema = z.object({
  status: HealthStatusSchema,
  /** Absent when all is well. */
  reason: DeviceHealthReasonSchema.optional(),
  /** Technical detail in English for support staff, shown only as secondary text. */
  detail: z.string().max(500).optional(),
  checkedAt: z.string(),
})
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>

export const DeviceInfoSchema = z.object({
  id: z.string().min(1).max(200),
  kind: DeviceKindSchema,
  /** Model or reader name as the device reports it; not translated. */
  name: z.string().max(200),
  source: z.enum(['real', 'simulated']),
  /** Where it is attached: a PC/SC reader name, a tty path, `hid:VID:PID`, `in-process`. */
  connection: z.string().max(200),
  health: DeviceHealthSchema,
})
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>

/**
 * How the station keys are protected (electron/core/keys): the protector in use, and why stronger
 * ones were passed over (`reason` names a `messages.keys.*` sentence; `params` fill it).
 */
export const KeyProtectionInfoSchema = z.object({
  kind: z.string().max(40),
  notes: z
    .array(
      z.object({ reason: z.string().max(60), params: z.record(z.string(), z.string().max(200)) }),
    )
    .max(10),
})
export type KeyProtectionInfo = z.infer<typeof KeyProtectionInfoSchema>

export const AppInfoSchema = z.object({
  appVersion: z.string(),
  shell: z.enum(['electron', 'host']),
  language: LanguageSchema,
  devicesMode: DeviceModeSchema,
  stationId: z.string(),
  upstream: z.object({
    url: z.string().nullable(),
    /** True when no upstream is configured and the kiosk talks to an in-process training upstream. */
    training: z.boolean(),
  }),
  keyProtection: KeyProtectionInfoSchema.optional(),
})
export type AppInfo = z.infer<typeof AppInfoSchema>
