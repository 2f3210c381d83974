import * as z from 'zod';
import { AUTONOMY_LEVELS, DEFAULT_FAILED_VERIFICATIONS, DEFAULT_RECURRENCE } from '../catalogue';

const levelSchema = z
  .enum(AUTONOMY_LEVELS)
  .meta({ id: 'AutonomyLevel', description: '"observe": plan and record (people are told); "propose": plan, record and ask people to approve; "auto": apply within the guardrails.' });

const remediationLevels = z
  .record(z.string(), levelSchema)
  .describe('Levels by remediation id (for example "reboot-rds-instance"); nearer than "default" at the same level.');

const severityCaps = z
  .object({ P0: levelSchema.optional(), P1: levelSchema.optional(), P2: levelSchema.optional() })
  .strict()
  .describe('The highest level alerts of each severity reach here; replaces, here, the cap that guardrails.autonomousSeverities sets (listed: auto; not listed: propose).');

/** The ladder at a system or a resource: nearest wins (resource, then system, then deployment, then the built-in default). */
export const autonomyLevelsSchema = z
  .object({
    default: levelSchema.optional().describe('The level of every remediation here that no nearer setting names.'),
    remediations: remediationLevels.optional(),
    severities: severityCaps.optional(),
  })
  .strict()
  .meta({
    id: 'Autonomy',
    description:
      'Autonomy levels here, nearest wins: a resource\'s "remediations", its "guarded" list (= auto), its "default", then the system\'s, then the deployment\'s, then the built-in default (guarded remediations propose, others auto).',
  });
export type AutonomyLevels = z.infer<typeof autonomyLevelsSchema>;

/** The deployment's ladder: its levels, and when a remediation drops to `propose` on a resource. */
export const deploymentAutonomySchema = z
  .object({
    default: levelSchema.optional().describe('The level of every remediation that no system or resource setting names.'),
    remediations: remediationLevels.optional(),
    /** Refused with a clear error (semantics): at this level, guardrails.autonomousSeverities says it. */
    severities: severityCaps.optional(),
    recurrence: z
      .object({
        maxApplies: z.number().int().min(1).max(50).default(DEFAULT_RECURRENCE.maxApplies).describe('Applies of one remediation to one resource within "days" after which it drops to propose there.'),
        days: z.number().int().min(1).max(90).default(DEFAULT_RECURRENCE.days).describe('The window of the recurrence brake, in days.'),
      })
      .strict()
      .default({ ...DEFAULT_RECURRENCE })
      .describe('The recurrence brake: the same fix applied again and again is handed to people, with its history and what would make it permanent.'),
    failedVerifications: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(DEFAULT_FAILED_VERIFICATIONS)
      .describe("The fix score: a remediation whose last this-many re-checks on a resource found the alarm still firing drops to propose there."),
    promoteAfter: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe('Promotion (off unless set): a remediation at level propose on a resource becomes auto there after this many approved runs whose re-check found the alarm recovered.'),
  })
  .strict()
  .describe('The autonomy ladder: which remediations apply on their own, which are proposed to people, which are only observed.');
export type DeploymentAutonomy = z.infer<typeof deploymentAutonomySchema>;

export const DEFAULT_DEPLOYMENT_AUTONOMY: DeploymentAutonomy = { recurrence: { ...DEFAULT_RECURRENCE }, failedVerifications: DEFAULT_FAILED_VERIFICATIONS };
