import { z } from 'zod'
import { SimulatedCardScenarioSchema } from './card'
import { GuardianSchema, PersonSchema, ResidenceCardSchema } from './enrollment'
import { DocumentsInputSchema } from './enrollment-intents'
import { FingerNameSchema, MissingFingerReasonSchema } from './fingerprint'
import { ApprovalExceptionSchema } from './officers'
import { consentPurposes } from './rules'

/**
 * A training scenario (resources/scenarios/*.json): one citizen at the desk, scripted from the
 * card on the reader to the receipt. `kiosk enroll --scenario FILE` drives the enrollment state
 * machine with it on simulated devices; trainers pick the same scenarios in the kiosk
 * (`training.scenarios`). resources/scenarios/README.md documents every field.
 */

const Text = z.object({ vi: z.string().min(1).max(300), en: z.string().min(1).max(300) }).strict()
const Account = z
  .object({ username: z.string().min(3).max(64), password: z.string().min(8).max(200) })
  .strict()

export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]{2,40}$/),
    title: Text,
    officer: Account,
    /** Signs in on the spot to approve the scenario's exceptions. */
    supervisor: Account,
    /** The virtual card put on the reader; absent for a citizen without a chip card. */
    card: z
      .object({
        citizenSeed: z.string().min(1).max(64),
        scenario: SimulatedCardScenarioSchema.optional(),
        /** YYYY-MM-DD: a child's card for the age bands of Decree 69 Art. 7. */
        dateOfBirth: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        /** CANs typed before the right one (each is refused by the chip). */
        wrongCans: z
          .array(z.string().regex(/^\d{6}$/))
          .max(3)
          .optional(),
      })
      .strict()
      .optional(),
    /** The identity from the papers (no chip card) or typed in, when there is no card. */
    identity: z
      .object({
        source: z.enum(['papers', 'manual']),
        person: PersonSchema,
        cccdApplicationRef: z.string().max(40).optional(),
      })
      .strict()
      .optional(),
    residenceCard: ResidenceCardSchema.optional(),
    guardian: GuardianSchema.optional(),
    contact: z
      .object({ phone: z.string().max(40), email: z.string().max(254).optional() })
      .strict(),
    documents: DocumentsInputSchema.optional(),
    fingers: z
      .object({
        missing: z
          .array(z.object({ finger: FingerNameSchema, reason: MissingFingerReasonSchema }).strict())
          .max(10)
          .optional(),
      })
      .strict()
      .optional(),
    /** Exceptions the supervisor approves, with the reason they give. */
    approvals: z
      .array(z.object({ exception: ApprovalExceptionSchema, reason: z.string().min(3) }).strict())
      .max(8)
      .optional(),
    consent: z
      .object({
        language: z.enum(['vi', 'en']),
        purposes: z.array(z.enum(consentPurposes)).min(1),
      })
      .strict(),
    /** What should happen: a filed enrollment, or a refusal (its sentence key). */
    expect: z
      .object({
        outcome: z.enum(['submitted', 'refused']),
        refusal: z.string().max(200).optional(),
      })
      .strict(),
  })
  .strict()
export type Scenario = z.infer<typeof ScenarioSchema>

/** What the kiosk's training mode lists: enough to pick one and put its card on the reader. */
export const ScenarioSummarySchema = z.object({
  name: z.string(),
  title: Text,
  card: z
    .object({
      citizenSeed: z.string(),
      scenario: SimulatedCardScenarioSchema.optional(),
      dateOfBirth: z.string().optional(),
    })
    .nullable(),
})
export type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>
