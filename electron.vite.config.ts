import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/** lib/jpeg2000's codec worker, built beside the main bundle (lib/jpeg2000/worker-entry.ts). */
const CODEC_WORKER = 'jpeg2000-codec-worker'

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
    plugins: [react()],
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
