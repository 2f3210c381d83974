import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { VerificationScheduled } from '../core/record';
import { awsCall, describeError } from '../runtime/aws-call';
import { sqsClient } from '../runtime/clients/sqs';
import type { VerificationRequest } from './verification-request';

/** SQS delays a message at most 15 minutes: the longest wait a re-check can have. */
export const MAX_VERIFY_DELAY_SECONDS = 900;

export { verificationRequestSchema, type VerificationRequest } from './verification-request';

/** Schedules a re-check; the default sends it to the verification queue. */
export type ScheduleVerification = (request: VerificationRequest, afterMinutes: number) => Promise<VerificationScheduled>;

/**
 * Schedules the re-check of an action as an SQS message delayed by the configured wait. Sent
 * just before the apply, so that a run that dies after changing something is still re-checked
 * (and, finding no applied record, escalated as interrupted). A failure to schedule is reported
 * in the record, not thrown.
 */
export function sqsVerification(queueUrl: string): ScheduleVerification {
  return async (request, afterMinutes) => {
    const afterSeconds = Math.min(MAX_VERIFY_DELAY_SECONDS, Math.max(0, Math.round(afterMinutes * 60)));
    try {
      const out = await awsCall([], 'sqs', 'SendMessage', () => sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(request), DelaySeconds: afterSeconds })), {
        mutating: false,
        idempotent: false,
      });
      return { scheduled: true, afterSeconds, messageId: out.MessageId };
    } catch (err) {
      return { scheduled: false, afterSeconds, error: describeError(err) };
    }
  };
}
