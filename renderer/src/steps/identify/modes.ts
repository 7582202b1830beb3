/** The ways to identify the citizen: the chip, the card's QR code, typed in, or from the papers. */
export const identifyModes = ['chip', 'qr', 'passport', 'manual', 'papers'] as const
export type IdentifyMode = (typeof identifyModes)[number]
