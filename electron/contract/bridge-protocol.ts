import { z } from 'zod'

/**
 * Frames of the headless host's WebSocket bridge. The host serves the renderer on 127.0.0.1 and
 * carries the same contract as Electron's IPC: requests with an id, replies with that id, events.
 */
export const BRIDGE_PATH = '/bridge'
export const BRIDGE_TOKEN_PARAM = 'token'
/**
 * Largest frame either side accepts. The bulkiest request is a portrait frame (a lossless PNG of
 * up to 1280×720, base64): `portrait.check` caps it at PORTRAIT_PNG_BASE64_MAX characters.
 */
export const BRIDGE_MAX_FRAME_BYTES = 4 * 1024 * 1024

export const BridgeRequestFrameSchema = z
  .object({
    type: z.literal('request'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(100),
    payload: z.unknown(),
  })
  .strict()
export type BridgeRequestFrame = z.infer<typeof BridgeRequestFrameSchema>

export const BridgeServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: z.unknown() }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
])
export type BridgeServerFrame = z.infer<typeof BridgeServerFrameSchema>
