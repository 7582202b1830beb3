/** Messages between the codec worker (codec-worker.ts) and the thread that uses it (codec.ts). */

export interface CodecWorkerConfig {
  /** The most the worker's WebAssembly memory may grow to. */
  memoryCapBytes: number
}

/** Decoded samples as OpenJPEG hands them over: interleaved, 16-bit little-endian above 8 bits. */
export interface DecodedSamples {
  width: number
  height: number
  componentCount: number
  bitsPerSample: number
  isSigned: boolean
  /** True for the reversible 5/3 wavelet (lossless). */
  reversible: boolean
  samples: Uint8Array
}

export type CodecRequest =
  | { id: number; op: 'decode'; codestream: Uint8Array }
  | {
      id: number
      op: 'encode'
      pixels: Uint8Array
      width: number
      height: number
      /** 1 = grey, 3 = interleaved RGB (coded with the reversible colour transform). */
      components: 1 | 3
    }

/** After every request: how large the WebAssembly memory has grown, and whether it hit the cap. */
interface ReplyBase {
  id: number
  memoryBytes: number
  /** The codec asked for more memory than the cap allows (it may still have returned something). */
  growthRefused: boolean
}

export type CodecReply =
  | (ReplyBase & { ok: true; op: 'decode'; image: DecodedSamples })
  | (ReplyBase & { ok: true; op: 'encode'; codestream: Uint8Array })
  | (ReplyBase & { ok: false; detail: string })

/** The worker's first message, once the codec is loaded. */
export interface CodecReady {
  ready: true
  memoryBytes: number
}
