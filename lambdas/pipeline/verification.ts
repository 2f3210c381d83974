import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ResultRecord, VerificationScheduled } from '../core/record';
import { awsCall, describeError } from '../runtime/aws-call';
import { sqsClient } from '../runtime/clients/sqs';
import type { VerificationRequest } from './verification-request';

/** SQS delays a message at most 15 minutes: the longest wait a re-check can have. */
export const MAX_VERIFY_DELAY_SECONDS = 900;

export { verificationRequestSchema, type VerificationRequest } from './verification-request';


/**
 * Schedules the re-check of an applied action: an SQS message delayed by the configured wait.
 * A failure to schedule is reported in the record, not thrown: the action itself happened.
 */
export async function scheduleVerification(record: ResultRecord, queueUrl: string, afterMinutes: number): Promise<VerificationScheduled> {
  const afterSeconds = Math.min(MAX_VERIFY_DELAY_SECONDS, Math.max(0, Math.round(afterMinutes * 60)));
  const request: VerificationRequest = {
    recordId: record.recordId,
    alarmName: record.alarm?.name ?? '',
    alarmArn: record.alarm?.arn,
    system: record.responder.system,
    family: record.responder.family,
    alertKind: record.alertKind,
    severity: record.severity,
    appliedAt: record.time,
    summary: record.reason.slice(0, 2000),
  };
  try {
    const out = await awsCall([], 'sqs', 'SendMessage', () => sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(request), DelaySeconds: afterSeconds })), {
      mutating: false,
      idempotent: false,
    });
    return { scheduled: true, afterSeconds, messageId: out.MessageId };
  } catch (err) {
    return { scheduled: false, afterSeconds, error: describeError(err) };
  }
}
