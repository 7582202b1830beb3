// The installers' configuration (electron-builder finds this file by its name) and the Electron
// fuses they are built with. `npm run package` needs Electron's binary and headers, which only a
// machine that can download them has (README.md, "Release"); tests/unit/packaging.test.ts checks
// this object against electron-builder's schema and @electron/fuses' list without building.
import type { Configuration } from 'electron-builder'

/**
 * Native add-ons the main process loads, unpacked from the asar (a .node file cannot be loaded
 * from inside one). better-sqlite3 and @pokusew/pcsclite are rebuilt for Electron's ABI into
 * native/electron-abi by native/prepare-electron.js; node-hid and serialport's bindings are N-API
 * prebuilds, the same binary for Node and Electron.
 */
export const NATIVE_ADDONS = [
  'better-sqlite3',
  '@pokusew/pcsclite',
  'node-hid',
  '@serialport/bindings-cpp',
] as const

/**
 * resources/ folders the app reads as files at run time: the CSCA trust list (the card service),
 * training scenarios (scenario-files.ts) and the camera stills (the training chip photo, the fake
 * camera). The locales and the common-password list are imported into the bundle; the fonts
 * (@fontsource) and the face models are emitted into out/renderer by the renderer's build.
 */
export const SHIPPED_RESOURCES = ['trust', 'scenarios', 'camera'] as const

/**
 * Electron's fuses, flipped by electron-builder right before signing. Off: running as plain Node
 * (ELECTRON_RUN_AS_NODE), NODE_OPTIONS, --inspect, the browser-specific V8 snapshot (nothing
 * here provides one: a file swapped in beside the binary would run first) and file://'s extra
 * privileges (the kiosk serves app://). On: the asar's embedded integrity check, loading only
 * app.asar, cookies encrypted with the OS key. WasmTrapHandlers keeps Electron's default (on):
 * electron-builder does not set it, and the face models' WASM runs faster with it.
 */
export const KIOSK_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies NonNullable<Configuration['electronFuses']>

const config: Configuration = {
  appId: 'vn.vneid.enrollment-kiosk',
  productName: 'VNeID Kiosk',
  executableName: 'vneid-kiosk',
  copyright: 'VNeID enrollment kiosk maintainers',
  directories: { output: 'dist/installers' },
  files: [
    'package.json',
    'out/**/*',
    'native/electron-abi/**/*',
    '!native/electron-abi/headers/**/*',
    '!**/*.{map,md,ts}',
  ],
  asar: true,
  asarUnpack: [
    'native/electron-abi/**/*',
    ...NATIVE_ADDONS.map((name) => `node_modules/${name}/**/*`),
  ],
  // native/prepare-electron.js builds the Electron-ABI add-ons beside node_modules, which keeps
  // its Node builds for the CLI and the tests: electron-builder must not rebuild them in place.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  extraResources: [
    {
      from: 'resources',
      to: 'resources',
      filter: SHIPPED_RESOURCES.map((folder) => `${folder}/**/*`),
    },
  ],
  electronFuses: KIOSK_FUSES,
  win: { target: [{ target: 'nsis', arch: ['x64'] }] },
  nsis: {
    // A station is installed once by IT, for every account, in Program Files.
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: true,
    runAfterFinish: false,
    deleteAppDataOnUninstall: false,
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    category: 'Office',
    maintainer: 'VNeID enrollment kiosk maintainers <kiosk@example.invalid>',
    synopsis: 'VNeID level-2 enrollment kiosk',
  },
  deb: {
    // Setting depends replaces electron-builder's list: its defaults, then the card reader service
    // and its library; ffmpeg for the doctor's camera frame.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
      'pcscd',
      'libpcsclite1',
    ],
    recommends: ['ffmpeg'],
  },
}

export default config
