/** Injected randomness: `randomBytes(n)` returns n random bytes (node:crypto's randomBytes in use). */
export type RandomBytes = (length: number) => Uint8Array
