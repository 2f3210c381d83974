// A namespace import lets esbuild tree-shake zod; a module of its own keeps the responders, which
// read only the guardrails, from bundling (and building at load) the whole configuration schema.
import * as z from 'zod';

/** The guardrails of a deployment: the configuration's `guardrails`, and AR_GUARDRAILS of each responder. */
export const guardrailsSchema = z
  .object({
    /** Minimum time between two applied actions of one remediation on one resource. */
    cooldownMinutes: z.number().int().min(0).max(1440).default(15),
    /** Global circuit breaker: mutating actions per hour across all responders; beyond it, escalate. */
    maxActionsPerHour: z.number().int().min(0).max(1000).default(20),
    /** Delay before re-checking an alarm after an applied action. */
    verifyAfterMinutes: z.number().int().min(1).max(15).default(10),
    /** Severities whose alarms may change resources; others plan and escalate. */
    autonomousSeverities: z.array(z.enum(['P0', 'P1', 'P2'])).default(['P0', 'P1']),
    /** The initial value of the kill-switch parameter `/<prefix>/mode`. */
    initialMode: z.enum(['enforce', 'dry-run', 'off']).default('enforce'),
  })
  .strict();
export type Guardrails = z.infer<typeof guardrailsSchema>;
