// Types for the parts of @cornerstonejs/codec-openjpeg (OpenJPEG compiled to WebAssembly by
// Emscripten) we use: the full build, which both decodes and encodes.
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  export interface J2KFrameInfo {
    width: number
    height: number
    bitsPerSample: number
    componentCount: number
    isSigned: boolean
  }
  export interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array
    decode(): void
    getFrameInfo(): J2KFrameInfo
    /** A view into the WebAssembly heap: copy it before the next call. */
    getDecodedBuffer(): Uint8Array
    getIsReversible(): boolean
    delete(): void
  }
  export interface J2KEncoder {
    getDecodedBuffer(frameInfo: J2KFrameInfo & { isUsingColorTransform: boolean }): Uint8Array
    setDecompositions(levels: number): void
    encode(): void
    getEncodedBuffer(): Uint8Array
    delete(): void
  }
  export interface OpenJpegModule {
    J2KDecoder: new () => J2KDecoder
    J2KEncoder: new () => J2KEncoder
    /** The WebAssembly memory, as bytes; it grows and never shrinks. */
    HEAPU8: Uint8Array
  }
  export interface OpenJpegOptions {
    print?: (text: string) => void
    printErr?: (text: string) => void
    /** The module's WebAssembly binary, instead of reading the file next to the glue. */
    wasmBinary?: Uint8Array
  }
  const factory: (options?: OpenJpegOptions) => Promise<OpenJpegModule>
  export default factory
}
