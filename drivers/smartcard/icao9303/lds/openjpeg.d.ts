// Types for the parts of @cornerstonejs/codec-openjpeg (an Emscripten build of OpenJPEG) we use.
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  export interface J2KFrameInfo {
    width: number
    height: number
    bitsPerSample: number
    componentCount: number
    isSigned: boolean
  }
  export interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array
    readHeader(): void
    decode(): void
    getFrameInfo(): J2KFrameInfo
    getDecodedBuffer(): Uint8Array
    delete(): void
  }
  export interface OpenJpegModule {
    J2KDecoder: new () => J2KDecoder
  }
  const factory: (options?: {
    print?: (text: string) => void
    printErr?: (text: string) => void
  }) => Promise<OpenJpegModule>
  export default factory
}

// The full build also encodes; tests use it to make JPEG 2000 portraits.
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  import type { J2KDecoder, J2KFrameInfo } from '@cornerstonejs/codec-openjpeg/decodewasmjs'
  export interface J2KEncoder {
    getDecodedBuffer(
      frameInfo: Omit<J2KFrameInfo, 'isSigned'> & {
        isSigned: boolean
        isUsingColorTransform: boolean
      },
    ): Uint8Array
    setDecompositions(levels: number): void
    encode(): void
    getEncodedBuffer(): Uint8Array
    delete(): void
  }
  export interface OpenJpegFullModule {
    J2KDecoder: new () => J2KDecoder
    J2KEncoder: new () => J2KEncoder
  }
  const factory: (options?: {
    print?: (text: string) => void
    printErr?: (text: string) => void
  }) => Promise<OpenJpegFullModule>
  export default factory
}
