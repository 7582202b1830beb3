import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { contentTypeFor } from './electron/core/security/static-files'
import { FACE_MODEL_FILES } from './drivers/camera/engine/human-config'

/** lib/jpeg2000's codec worker, built beside the main bundle (lib/jpeg2000/worker-entry.ts). */
const CODEC_WORKER = 'jpeg2000-codec-worker'

const HUMAN_MODELS = resolve(import.meta.dirname, 'node_modules/@vladmandic/human/models')
const TFJS_WASM = resolve(import.meta.dirname, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')
/** zxing-wasm's reader build, for the CCCD's QR code by webcam (renderer/src/components/qr). */
const ZXING_READER_WASM = resolve(
  import.meta.dirname,
  'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm',
)

/**
 * URL path under the renderer → file: the face models, tfjs's .wasm binaries and zxing's reader
 * .wasm, never fetched from the network.
 */
function faceAssetFiles(): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of FACE_MODEL_FILES) files.set(`face/models/${name}`, resolve(HUMAN_MODELS, name))
  for (const name of readdirSync(TFJS_WASM).filter((n) => n.endsWith('.wasm')))
    files.set(`face/wasm/${name}`, resolve(TFJS_WASM, name))
  files.set('qr/zxing_reader.wasm', ZXING_READER_WASM)
  return files
}

/**
 * The renderer's face models (drivers/camera/engine/human-config.ts), tfjs's WASM binaries and
 * zxing's: copied to out/renderer/face/{models,wasm}/ and out/renderer/qr/ by the build, served
 * from node_modules by the dev server.
 */
function faceAssets(): Plugin {
  return {
    name: 'kiosk-face-assets',
    configureServer(server) {
      const files = faceAssetFiles()
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]?.replace(/^\/+/, '') ?? ''
        const file = files.get(path)
        if (!file) return next()
        res.setHeader('content-type', contentTypeFor(file))
        createReadStream(file).pipe(res)
      })
    },
    generateBundle() {
      for (const [fileName, file] of faceAssetFiles()) {
        if (!existsSync(file)) this.error(`face asset missing: ${file} (npm install)`)
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file), name: basename(file) })
      }
    },
  }
}

export default defineConfig({
  main: {
    define: {
      __JPEG2000_CODEC_WORKER__: JSON.stringify(
        resolve(import.meta.dirname, 'out/main', `${CODEC_WORKER}.js`),
      ),
    },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          [CODEC_WORKER]: resolve(import.meta.dirname, 'lib/jpeg2000/codec-worker.ts'),
        },
        // Native add-ons load at run time from node_modules or native/electron-abi; never bundle
        // them (optional dependencies are not externalized by default).
        external: ['@pokusew/pcsclite'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only be a single CommonJS file: bundle everything into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), faceAssets()],
    resolve: {
      // human's exports map lists 'dist/human.esm.js' without './', which resolvers refuse.
      alias: {
        'human-esm': resolve(
          import.meta.dirname,
          'node_modules/@vladmandic/human/dist/human.esm.js',
        ),
      },
    },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // Every asset a file of its own: the CSP allows fonts and images from 'self', never data:.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
})
