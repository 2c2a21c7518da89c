import { z } from "zod";

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TIER_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const identifier = z.string().regex(IDENTIFIER, {
  error:
    "must start with a letter and hold only letters, digits and _ (it is used as a name in conditions)",
});

/** Top level. Dimensions are checked one by one, so one broken dimension hides nothing else. */
export const ruleFileSchema = z.strictObject({
  version: z.literal(1, { error: "Strata understands version 1 only: write `version: 1`" }),
  name: z.string().optional(),
  description: z.string().optional(),
  window: z
    .string()
    .regex(/^(\d+)\s*([dwmy])$|^all$/, {
      error: 'must be a length like "365d", "12w", "6m" or "1y", or "all"',
    })
    .optional(),
  rfm: z
    .strictObject({
      bins: z.int().min(2).max(10, { error: "bins must be a whole number from 2 to 10" }),
    })
    .optional(),
  clv: z
    .strictObject({ model: z.literal("bgnbd", { error: 'the only model is "bgnbd"' }) })
    .optional(),
  attributes: z
    .record(
      identifier,
      z.enum(["number", "string", "boolean"], { error: 'must be "number", "string" or "boolean"' }),
    )
    .optional(),
  dimensions: z
    .record(identifier, z.unknown())
    .refine((d) => Object.keys(d).length > 0, { error: "needs at least one dimension" }),
  alerts: z
    .strictObject({
      churn: z
        .strictObject({
          when: z.string({ error: 'must be a condition, like value in ["vip", "high"]' }),
          notify: z.string().min(1),
        })
        .optional(),
    })
    .optional(),
});

export const dimensionSchema = z.strictObject({
  label: z.string().optional(),
  description: z.string().optional(),
  churn: z.string().optional(),
  tiers: z.array(z.unknown()).min(1, { error: "a dimension needs at least one tier" }),
});

export const tierSchema = z.strictObject({
  id: z.string().regex(TIER_ID, {
    error: "must start with a letter and hold only letters, digits, _ and -",
  }),
  label: z.string().optional(),
  description: z.string().optional(),
  when: z.string({ error: "must be a condition, like monetary >= 1000" }).optional(),
  default: z.boolean().optional(),
  action: z.string().optional(),
});

/** The keys each level knows, for "did you mean" on unknown keys. */
export function knownKeys(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}
