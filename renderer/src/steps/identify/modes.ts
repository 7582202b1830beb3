/** The ways to identify the citizen; the QR-code source joins them as one more mode. */
export const identifyModes = ['chip', 'passport', 'manual', 'papers'] as const
export type IdentifyMode = (typeof identifyModes)[number]
