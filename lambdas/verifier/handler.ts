import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { logger, metrics } from '../runtime/powertools';
import { captureLambdaHandler } from '../runtime/tracing';
import { readLogLines } from '../runtime/settings';
import { appliedItems, readIntent, stateTable } from '../guardrails';
import { writeRecord } from '../pipeline/record-writer';
import { verificationRequestSchema } from '../pipeline/verification-request';
import { verify, type VerifierState, type VerifyDeps } from './verify';

const envSchema = z.object({
  AR_REMEDIATION_LOG_GROUP: z.string().min(1),
  AR_ESCALATION_TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:/),
  AR_LOG_LINES: z.string().optional(),
  AR_STATE_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/),
});

let env: z.infer<typeof envSchema> | undefined;
let state: VerifierState | undefined;

/** Only runs the state table knows are re-checked: built once per container. */
function stateOf(tableName: string): VerifierState {
  const table = stateTable(tableName);
  const applied = appliedItems(table);
  return { readApplied: (id) => applied.read(id), readIntent: (system, key) => readIntent(table, system, key) };
}

/** Handles the delayed re-check messages; a message that cannot be read is logged and dropped, never retried forever. */
export async function verifyBatch(event: SQSEvent, overrides: Partial<VerifyDeps> = {}): Promise<SQSBatchResponse> {
  env ??= envSchema.parse(process.env);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(message.body);
    } catch {
      body = undefined;
    }
    const request = verificationRequestSchema.safeParse(body);
    if (!request.success) {
      logger.error('Verification message is not a verification request; dropped', { messageId: message.messageId, issues: request.error.issues });
      metrics.addMetric('InvalidVerificationMessages', MetricUnit.Count, 1);
      continue;
    }
    state ??= stateOf(env.AR_STATE_TABLE);
    const record = await verify(request.data, { escalationTopicArn: env.AR_ESCALATION_TOPIC_ARN, logLines: readLogLines(env.AR_LOG_LINES), state, ...overrides });
    metrics.addMetric(`Verification-${record.outcome}`, MetricUnit.Count, 1);
    if (record.outcome === 'unknown-record') logger.warn('Verification request names no run of the state table; ignored', { messageId: message.messageId, recordId: request.data.recordId });
    await writeRecord(record, env.AR_REMEDIATION_LOG_GROUP);
    // A failed read is worth another try (the queue redrives, then dead-letters).
    if (record.outcome === 'failed') failures.push({ itemIdentifier: message.messageId });
  }
  return { batchItemFailures: failures };
}

export const handler = middy((event: SQSEvent) => verifyBatch(event)).use(captureLambdaHandler()).use(injectLambdaContext(logger)).use(logMetrics(metrics));
