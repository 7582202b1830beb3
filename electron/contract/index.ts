export * from './reply'
export * from './domain'
export * from './card'
export * from './queue'
export * from './channels'
export * from './client'
export * from './bridge-protocol'
// The one safe zod parse (lib/schema.ts), for the renderer, which may import only the contract.
export { safeParse } from '../../lib/schema'
