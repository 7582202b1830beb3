// human's esm build (tfjs bundled) for the browser engine; its own types are not reachable
// through this subpath, and the engine only needs the constructor.
declare module '@vladmandic/human/dist/human.esm.js' {
  export const Human: new (config: Record<string, unknown>) => unknown
}
