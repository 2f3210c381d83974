import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as z from 'zod';
import { REMEDIATION_IDS, type RemediationId } from '../../lib/catalogue';
import type { AwsCallRecord } from '../core/record';
import type { State } from '../core/state';
import type { AppliedAction } from '../core/undo';
import { awsCall } from '../runtime/aws-call';
import { logsClient } from '../runtime/clients/logs';

/**
 * Finding what an undo reverts, kept apart from reverting it: today the record in the remediation
 * log group; the undo itself only needs the applied actions this module reads out of it.
 */

/** How far back a record may be undone: older changes have likely been superseded. */
export const UNDO_WINDOW_DAYS = 30;

const stateSchema = z.record(z.string(), z.unknown()) as unknown as z.ZodType<State>;
const storedRecordSchema = z.object({
  recordId: z.string(),
  recordType: z.literal('notification'),
  responder: z.object({ system: z.string(), family: z.string() }),
  alarm: z.object({ name: z.string(), arn: z.string().optional(), region: z.string().optional(), account: z.string().optional() }).optional(),
  alertKind: z.string().optional(),
  actions: z.array(
    z.object({
      remediation: z.enum(REMEDIATION_IDS as [RemediationId, ...RemediationId[]]),
      targetKey: z.string(),
      resource: z.string(),
      decision: z.string(),
      before: stateSchema,
      after: stateSchema.optional(),
      plan: z.object({ params: stateSchema }).partial().optional(),
    }),
  ),
});
/** A notification record as an undo reads it: whose it is, its alarm, and its actions. */
export type StoredRecord = z.infer<typeof storedRecordSchema>;

/** Finds a record by id (undefined when there is none), listing the calls it makes. */
export type FindRecord = (recordId: string, calls: AwsCallRecord[]) => Promise<unknown>;

/** Looks the record up in the remediation log group with a JSON filter on its id. */
export async function findRecordInLog(logGroupName: string, recordId: string, calls: AwsCallRecord[], now: Date): Promise<unknown> {
  let nextToken: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const out = await awsCall(calls, 'logs', 'FilterLogEvents', () =>
      logsClient.send(
        new FilterLogEventsCommand({
          logGroupName,
          filterPattern: `{ $.recordId = "${recordId}" }`,
          startTime: now.getTime() - UNDO_WINDOW_DAYS * 86_400_000,
          nextToken,
        }),
      ),
      { mutating: false },
    );
    const hit = out.events?.find((e) => e.message);
    if (hit?.message) return JSON.parse(hit.message) as unknown;
    nextToken = out.nextToken;
    if (!nextToken) return undefined;
  }
  return undefined;
}

/** The record as an undo reads it; undefined when it is not a notification record with actions. */
export function readStoredRecord(raw: unknown): StoredRecord | undefined {
  const parsed = storedRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** An action of the record that was applied: what its undo reverts, on which configured resource. */
export interface AppliedOn {
  readonly targetKey: string;
  readonly action: AppliedAction;
}

/** The record's applied actions: the plan's before and params, apply's after. */
export function appliedActions(stored: StoredRecord): AppliedOn[] {
  return stored.actions
    .filter((a) => a.decision === 'applied')
    .map((a) => ({
      targetKey: a.targetKey,
      action: { remediation: a.remediation, resource: a.resource, before: a.before, after: a.after ?? {}, params: a.plan?.params ?? {} },
    }));
}
