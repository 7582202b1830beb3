import { z } from 'zod'
import { MOSIP_FINGER_SUBTYPE, type FingerName } from '../finger-image'

/** The loopback port range SBI services bind to (MOSIP: 4501–4600, on 127.0.0.1, never "localhost"). */
export const SBI_PORT_RANGE = { from: 4501, to: 4600 } as const
export const SBI_HOST = '127.0.0.1'

/** Custom HTTP methods of the SBI: MOSIPDISC (0.9.x) and SBIDISC (1.0) both discover. */
export const SBI_VERB = {
  DISCOVER_095: 'MOSIPDISC',
  DISCOVER_10: 'SBIDISC',
  INFO: 'MOSIPDINFO',
  REGISTRATION_CAPTURE: 'RCAPTURE',
  STREAM: 'STREAM',
} as const

/** MOSIP `bioSubType` names of the ten fingers. */
export const SBI_FINGER_NAMES: Record<FingerName, string> = MOSIP_FINGER_SUBTYPE

export function fingerFromSbiName(name: string): FingerName | null {
  const entry = Object.entries(SBI_FINGER_NAMES).find(([, n]) => n === name)
  return entry ? (entry[0] as FingerName) : null
}

const code = z.union([z.string(), z.number()]).transform((v) => String(v))

export const SbiErrorSchema = z.object({
  errorCode: code,
  errorInfo: z.string().optional().default(''),
})
export type SbiErrorInfo = z.infer<typeof SbiErrorSchema>

/** One device in a discovery answer, or the payload of a device-info JWS. */
export const SbiDeviceSchema = z.object({
  deviceId: z.string(),
  deviceStatus: z.string(),
  certification: z.string().optional(),
  serviceVersion: z.string().optional(),
  deviceSubId: z.array(code).default([]),
  callbackId: z.string().optional(),
  /** A JWS (registered devices) or a base64url payload (unregistered). */
  digitalId: z.string(),
  deviceCode: z.string().optional(),
  specVersion: z.array(z.string()).min(1),
  purpose: z.string(),
  firmware: z.string().optional(),
  env: z.string().optional(),
  error: SbiErrorSchema.optional(),
})
export type SbiDevice = z.infer<typeof SbiDeviceSchema>

export const SbiDiscoveryResponseSchema = z.array(SbiDeviceSchema)

export const SbiDeviceInfoResponseSchema = z.array(
  z.object({ deviceInfo: z.string(), error: SbiErrorSchema.optional() }),
)

export const SbiDigitalIdSchema = z.object({
  serialNo: z.string(),
  make: z.string(),
  model: z.string(),
  type: z.string(),
  deviceSubType: z.string(),
  deviceProvider: z.string(),
  deviceProviderId: z.string(),
  dateTime: z.string(),
})
export type SbiDigitalId = z.infer<typeof SbiDigitalIdSchema>

export interface SbiCaptureBio {
  type: 'Finger'
  count: number
  bioSubType: string[]
  exception: string[]
  requestedScore: number
  deviceId: string
  deviceSubId: string
  previousHash: string
}

export interface SbiCaptureRequestBody {
  env: string
  purpose: 'Registration'
  specVersion: string
  timeout: number
  captureTime: string
  transactionId: string
  bio: SbiCaptureBio[]
  customOpts: Record<string, string> | null
}

export const SbiCaptureRequestSchema = z.object({
  env: z.string(),
  purpose: z.string(),
  specVersion: z.string(),
  timeout: z.coerce.number(),
  captureTime: z.string(),
  transactionId: z.string().regex(/^[A-Za-z0-9-]{4,50}$/),
  bio: z
    .array(
      z.object({
        type: z.string(),
        count: z.coerce.number(),
        bioSubType: z.array(z.string()).default([]),
        exception: z.array(z.string()).default([]),
        requestedScore: z.coerce.number().default(0),
        deviceId: z.string(),
        deviceSubId: code,
        previousHash: z.string().default(''),
      }),
    )
    .min(1),
  customOpts: z.record(z.string(), z.string()).nullable().optional(),
})

export const SbiCaptureResponseSchema = z.object({
  biometrics: z.array(
    z.object({
      specVersion: z.string().optional(),
      data: z.string().optional().default(''),
      hash: z.string().optional().default(''),
      error: SbiErrorSchema.optional(),
    }),
  ),
})

/** The payload of each capture's `data` JWS. */
export const SbiCaptureDataSchema = z.object({
  digitalId: z.string(),
  deviceCode: z.string(),
  deviceServiceVersion: z.string().optional(),
  bioType: z.string(),
  bioSubType: z.string(),
  purpose: z.string(),
  env: z.string(),
  bioValue: z.string(),
  transactionId: z.string(),
  timestamp: z.string(),
  requestedScore: z.coerce.number(),
  qualityScore: z.coerce.number(),
})
export type SbiCaptureData = z.infer<typeof SbiCaptureDataSchema>

export const SbiStreamRequestSchema = z.object({
  deviceId: z.string(),
  deviceSubId: code,
  timeout: z.coerce.number().optional(),
})
