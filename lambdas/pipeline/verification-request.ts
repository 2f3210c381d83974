// A module of its own (no SQS client): the verifier reads requests, only the responders send them.
import { object, optional, string, unknown, type Check, type Infer } from './edge-schema';

const atMost = (max: number): Check<string> => ({ test: (s) => s.length <= max, message: `expected at most ${max} characters` });
const nonEmpty: Check<string> = { test: (s) => s.length >= 1, message: 'expected a non-empty string' };

/**
 * What the verifier needs to re-check an alarm after an applied action; scheduled just before the
 * apply. A field it does not know is refused.
 */
export const verificationRequestSchema = object(
  {
    recordId: string(nonEmpty),
    alarmName: string(nonEmpty, atMost(255)),
    alarmArn: optional(string()),
    system: string(),
    family: string(),
    alertKind: optional(string()),
    severity: optional(string()),
    appliedAt: string(),
    summary: string(atMost(2000)),
    /** The configured resource whose item carries the run's intent: how the verifier tells an interrupted run from a forged request. */
    resourceKey: optional(string(nonEmpty, atMost(200))),
    /** When the run that scheduled it ends: past it, a run that recorded nothing was interrupted. */
    deadline: optional(string()),
    /** A re-check of an action held, not applied (a deployment in progress): why it was held. The verifier escalates if the alarm still fires. */
    hold: optional(string(atMost(2000))),
    /** The maintenance windows of the resource (its own, its system's, the deployment's), read by the verifier (runtime/maintenance-settings.ts). */
    maintenanceWindows: optional(unknown()),
  },
  'reject',
);
export type VerificationRequest = Infer<typeof verificationRequestSchema>;
