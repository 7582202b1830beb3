import { createRequire } from 'node:module'

/** The part of @cornerstonejs/codec-openjpeg (OpenJPEG compiled to WASM) that we use. */
interface FrameInfo {
  width: number
  height: number
  bitsPerSample: number
  componentCount: number
  isSigned: boolean
}
interface J2KEncoder {
  getDecodedBuffer(frame: FrameInfo & { isUsingColorTransform: boolean }): Uint8Array
  encode(): void
  getEncodedBuffer(): Uint8Array
  delete(): void
}
interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array
  decode(): void
  getDecodedBuffer(): Uint8Array | Uint8ClampedArray
  getFrameInfo(): FrameInfo
  getIsReversible(): boolean
  delete(): void
}
interface OpenJpegModule {
  J2KEncoder: new () => J2KEncoder
  J2KDecoder: new () => J2KDecoder
}
type OpenJpegFactory = (options: {
  print: () => void
  printErr: () => void
}) => Promise<OpenJpegModule>

let loading: Promise<OpenJpegModule> | null = null

/** Loads the WASM codec once; it ships inside the npm package, nothing is fetched at run time. */
function openJpeg(): Promise<OpenJpegModule> {
  loading ??= (() => {
    const factory = createRequire(import.meta.url)(
      '@cornerstonejs/codec-openjpeg/wasmjs',
    ) as OpenJpegFactory
    // The decoder logs "[INFO] …" lines through print; keep them out of our output.
    return factory({ print: () => undefined, printErr: () => undefined })
  })()
  return loading
}

/** Encodes 8-bit grey pixels as a reversible (5/3 wavelet, lossless) JPEG 2000 codestream. */
export async function encodeJ2kLossless(
  pixels: Uint8Array,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const m = await openJpeg()
  const encoder = new m.J2KEncoder()
  try {
    const input = encoder.getDecodedBuffer({
      width,
      height,
      bitsPerSample: 8,
      componentCount: 1,
      isSigned: false,
      isUsingColorTransform: false,
    })
    input.set(pixels)
    encoder.encode()
    return encoder.getEncodedBuffer().slice()
  } finally {
    encoder.delete()
  }
}

export interface DecodedJ2k {
  width: number
  height: number
  bitsPerSample: number
  componentCount: number
  reversible: boolean
  pixels: Uint8Array
}

/** Decodes a JPEG 2000 codestream; the codec throws on corrupt input. */
export async function decodeJ2k(codestream: Uint8Array): Promise<DecodedJ2k> {
  const m = await openJpeg()
  const decoder = new m.J2KDecoder()
  try {
    decoder.getEncodedBuffer(codestream.length).set(codestream)
    decoder.decode()
    const info = decoder.getFrameInfo()
    return {
      width: info.width,
      height: info.height,
      bitsPerSample: info.bitsPerSample,
      componentCount: info.componentCount,
      reversible: decoder.getIsReversible(),
      // The WASM heap view may be a Uint8ClampedArray; copy it out as plain bytes.
      pixels: new Uint8Array(decoder.getDecodedBuffer()),
    }
  } finally {
    decoder.delete()
  }
}
