export * from './training-upstream'
