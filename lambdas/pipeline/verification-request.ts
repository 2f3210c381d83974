// A module of its own (no SQS client): the verifier reads requests, only the responders send them.
import * as z from 'zod';

/** What the verifier needs to re-check an alarm after an applied action; scheduled just before the apply. */
export const verificationRequestSchema = z
  .object({
    recordId: z.string().min(1),
    alarmName: z.string().min(1).max(255),
    alarmArn: z.string().optional(),
    system: z.string(),
    family: z.string(),
    alertKind: z.string().optional(),
    severity: z.string().optional(),
    appliedAt: z.string(),
    summary: z.string().max(2000),
    /** The configured resource whose item carries the run's intent: how the verifier tells an interrupted run from a forged request. */
    resourceKey: z.string().min(1).max(200).optional(),
    /** When the run that scheduled it ends: past it, a run that recorded nothing was interrupted. */
    deadline: z.string().optional(),
  })
  .strict();
export type VerificationRequest = z.infer<typeof verificationRequestSchema>;
