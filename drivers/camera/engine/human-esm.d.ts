// human's esm build (tfjs bundled), aliased as 'human-esm' in electron.vite.config.ts because the
// package's exports map spells its subpaths without './'. The engine needs only the constructor.
declare module 'human-esm' {
  export const Human: new (config: Record<string, unknown>) => unknown
}
