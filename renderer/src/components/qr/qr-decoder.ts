import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'

/** RGBA pixels of one camera frame (an ImageData, or the same shape under Node). */
export interface QrFrame {
  readonly width: number
  readonly height: number
  readonly data: Uint8ClampedArray
}

/** The text of the first QR code found in a frame, or null when there is none. */
export type QrDecoder = (frame: QrFrame) => Promise<string | null>

/**
 * Where zxing-wasm's reader gets its WebAssembly: a URL on our own origin (the kiosk bundles the
 * file, see electron.vite.config.ts) or the bytes themselves (Node tests). Never its default, a CDN.
 */
export type ZxingWasmSource = { url: string } | { binary: ArrayBuffer }

/** A decoder over zxing-wasm's reader build, QR codes only. */
export function createZxingDecoder(source: ZxingWasmSource): QrDecoder {
  prepareZXingModule({
    overrides:
      'url' in source
        ? {
            locateFile: (path: string, prefix: string) =>
              path.endsWith('.wasm') ? source.url : prefix + path,
          }
        : { wasmBinary: source.binary },
  })
  return async (frame) => {
    // readBarcodes takes anything with width, height and RGBA data (it checks the shape, not the
    // class), so a Node test's frame goes through the same path as the camera's ImageData.
    const results = await readBarcodes(frame as ImageData, {
      formats: ['QRCode'],
      tryHarder: true,
      maxNumberOfSymbols: 1,
    })
    const found = results.find((r) => r.isValid && r.text !== '')
    return found ? found.text : null
  }
}
