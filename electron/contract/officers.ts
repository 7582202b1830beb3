import { z } from 'zod'

/**
 * officer: enrolls citizens; supervisor: approves exceptions, manages officers, unlocks;
 * support: devices, doctor, queue and sync, never citizen data.
 */
export const officerRoles = ['officer', 'supervisor', 'support'] as const
export const OfficerRoleSchema = z.enum(officerRoles)
export type OfficerRole = z.infer<typeof OfficerRoleSchema>

export const officerStates = ['active', 'locked', 'disabled'] as const
export const OfficerStateSchema = z.enum(officerStates)
export type OfficerState = z.infer<typeof OfficerStateSchema>

/** Lower-case letters, digits, dot, dash and underscore; compared case-insensitively. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/)
  .transform((name) => name.toLowerCase())

/** What a person types as a password; the policy (length, common list) is checked by the core. */
export const PasswordInputSchema = z.string().min(1).max(256)

/** A display name in Vietnamese, stored in NFC. */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((name) => name.normalize('NFC'))

/** Police ID number or rank, free text (e.g. "Thượng úy · 123-456"). */
export const PoliceIdSchema = z
  .string()
  .trim()
  .max(60)
  .transform((text) => text.normalize('NFC'))

export const OfficerSummarySchema = z.object({
  officerId: z.string(),
  username: z.string(),
  displayName: z.string(),
  policeId: z.string(),
  role: OfficerRoleSchema,
  state: OfficerStateSchema,
  mustChangePassword: z.boolean(),
  /** While locked after failed sign-ins: when the lock ends by itself (ISO). */
  lockedUntil: z.string().nullable(),
})
export type OfficerSummary = z.infer<typeof OfficerSummarySchema>

/** The officer signed in on this window or socket, as the renderer may know it. */
export const SessionInfoSchema = z.object({
  officerId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: OfficerRoleSchema,
  /** The screen is locked (idle): only this officer's password, or another sign-in, opens it. */
  locked: z.boolean(),
  /** A supervisor reset the password: nothing but a password change until it is changed. */
  mustChangePassword: z.boolean(),
  signedInAt: z.string(),
})
export type SessionInfo = z.infer<typeof SessionInfoSchema>

export const SessionStatusSchema = z.object({
  /** No officer exists on this station: the setup screen (with the one-time code) is shown. */
  setupRequired: z.boolean(),
  session: SessionInfoSchema.nullable(),
  /** Minutes without input before the screen locks. */
  idleLockMinutes: z.number().positive(),
})
export type SessionStatus = z.infer<typeof SessionStatusSchema>

/**
 * The exceptions a supervisor approves by name (the later enrollment issues raise them): a missing
 * finger, a portrait taken by hand, a portrait that does not match the chip photo, a chip whose
 * verification is not `valid`, an identity from the QR code or typed in, a citizen without a chip card.
 */
export const approvalExceptionCodes = [
  'missing-finger',
  'manual-portrait',
  'portrait-mismatch',
  'chip-not-valid',
  'identity-without-chip-read',
  'no-chip-card',
  'identity-mismatch',
] as const
export const ApprovalExceptionSchema = z.enum(approvalExceptionCodes)
export type ApprovalException = z.infer<typeof ApprovalExceptionSchema>

export const ApprovalReasonSchema = z
  .string()
  .trim()
  .min(3)
  .max(500)
  .transform((text) => text.normalize('NFC'))

export const ApprovalSchema = z.object({
  approvalId: z.string(),
  supervisorId: z.string(),
  supervisorName: z.string(),
  exception: ApprovalExceptionSchema,
  reason: z.string(),
  at: z.string(),
})
export type Approval = z.infer<typeof ApprovalSchema>

const credentials = { username: UsernameSchema, password: PasswordInputSchema }
const newOfficer = {
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  policeId: PoliceIdSchema,
  password: PasswordInputSchema,
}

export const SetupInputSchema = z
  .object({ code: z.string().trim().min(4).max(32), ...newOfficer })
  .strict()
export const SignInInputSchema = z.object(credentials).strict()
export const UnlockInputSchema = z.object({ password: PasswordInputSchema }).strict()
export const ChangePasswordInputSchema = z
  .object({ currentPassword: PasswordInputSchema, newPassword: PasswordInputSchema })
  .strict()
export const AddOfficerInputSchema = z.object({ ...newOfficer, role: OfficerRoleSchema }).strict()
export const OfficerTargetInputSchema = z.object({ officerId: z.string().min(1).max(64) }).strict()
export const ResetPasswordInputSchema = z
  .object({ officerId: z.string().min(1).max(64), temporaryPassword: PasswordInputSchema })
  .strict()
export const SetRoleInputSchema = z
  .object({ officerId: z.string().min(1).max(64), role: OfficerRoleSchema })
  .strict()
export const GrantApprovalInputSchema = z
  .object({ ...credentials, exception: ApprovalExceptionSchema, reason: ApprovalReasonSchema })
  .strict()

/** Why a password is refused; each has a sentence under `messages.officers.password.*`. */
export const passwordRefusals = ['too-short', 'too-long', 'common', 'contains-username'] as const
export type PasswordRefusal = (typeof passwordRefusals)[number]
