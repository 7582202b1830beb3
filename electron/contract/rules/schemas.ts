import { z } from 'zod'
import {
  accountDecisions,
  applicantKinds,
  eligibilityReasonCodes,
  identityDocuments,
  nationalities,
} from './eligibility'

/**
 * zod schemas of the rules' values, for the channels that carry them (the workflow's IPC in
 * channels.ts). They check shape only; the rules themselves stay plain functions.
 */
export const CalendarDateSchema = z.object({
  year: z.number().int().min(1900).max(2199),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
})

export const DateOfBirthSchema = z.object({
  year: z.number().int().min(1900).max(2199),
  month: z.number().int().min(1).max(12).nullable(),
  day: z.number().int().min(1).max(31).nullable(),
})

export const ReasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))

export const EligibilityInputSchema = z.object({
  dob: DateOfBirthSchema,
  nationality: z.enum(nationalities),
  document: z.enum(identityDocuments),
  applicant: z.enum(applicantKinds).optional(),
  today: CalendarDateSchema,
})

export const EligibilitySchema = z.object({
  level1: z.enum(accountDecisions),
  level2: z.enum(accountDecisions),
  guardianRequired: z.boolean(),
  age: z.number().int().min(0).nullable(),
  ageApproximate: z.boolean(),
  reason: z.object({ code: z.enum(eligibilityReasonCodes), params: ReasonParamsSchema }),
})
