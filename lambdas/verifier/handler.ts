import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger, metrics } from '../runtime/powertools';
import { json, nonEmpty, optional, readEnv, snsTopicArn, tableName, type EnvOf } from '../runtime/env-rules';
import { readLogLines } from '../runtime/settings';
import { captureLambdaHandler } from '../runtime/tracing';
import { appliedItems, historyStore, readIntent, stateTable } from '../guardrails';
import type { Issue } from '../pipeline/edge-schema';
import { describeIssues } from '../pipeline/notification-schema';
import { kmsRecordSigner, type SignRecord } from '../pipeline/record-signer';
import { writeRecord } from '../pipeline/record-writer';
import { verificationRequestSchema, type VerificationRequest } from '../pipeline/verification-request';
import { verify, type VerifierState, type VerifyDeps } from './verify';

/** The verifier's variables, each checked, every problem named at once. */
const ENV = {
  AR_REMEDIATION_LOG_GROUP: nonEmpty,
  AR_ESCALATION_TOPIC_ARN: snsTopicArn,
  AR_LOG_LINES: optional(json),
  AR_STATE_TABLE: tableName,
  // The record key's alias: the verifier signs its records as the responders sign theirs.
  AR_RECORD_KEY: { test: (v: string) => v.startsWith('alias/'), expected: 'a KMS key alias (alias/...)' },
} as const;

/** The request in a message body, or every problem with it: where, and what was wrong (values left out of the log). */
function requestOf(body: unknown): { readonly ok: true; readonly value: VerificationRequest } | { readonly ok: false; readonly issues: readonly { field: string; problem: string }[] } {
  const issues: Issue[] = [];
  const read = verificationRequestSchema.read(body, [], issues);
  if (read.ok) return read;
  return { ok: false, issues: issues.map((i) => describeIssues([i], '')).map(({ field, problem }) => ({ field, problem })) };
}

/** The verifier's environment, or a SettingsError naming every variable that is missing or malformed. */
export function verifierEnv(vars: NodeJS.ProcessEnv): EnvOf<typeof ENV> {
  return readEnv(ENV, vars, 'Verifier');
}

let env: EnvOf<typeof ENV> | undefined;
let state: VerifierState | undefined;
let sign: SignRecord | undefined;

/** Only runs the state table knows are re-checked: built once per container. */
function stateOf(tableName: string): VerifierState {
  const table = stateTable(tableName);
  const applied = appliedItems(table);
  const history = historyStore(table);
  return { readApplied: (id) => applied.read(id), readIntent: (system, key) => readIntent(table, system, key), recordOutcome: (at, entry) => history.recordOutcome(at, entry) };
}

/** Handles the delayed re-check messages; a message that cannot be read is logged and dropped, never retried forever. */
export async function verifyBatch(event: SQSEvent, overrides: Partial<VerifyDeps> = {}): Promise<SQSBatchResponse> {
  env ??= verifierEnv(process.env);
  sign ??= kmsRecordSigner(env.AR_RECORD_KEY);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(message.body);
    } catch {
      body = undefined;
    }
    const request = requestOf(body);
    if (!request.ok) {
      logger.error('Verification message is not a verification request; dropped', { messageId: message.messageId, issues: request.issues });
      metrics.addMetric('InvalidVerificationMessages', MetricUnit.Count, 1);
      continue;
    }
    state ??= stateOf(env.AR_STATE_TABLE);
    const record = await verify(request.value, { escalationTopicArn: env.AR_ESCALATION_TOPIC_ARN, logLines: readLogLines(env.AR_LOG_LINES), state, ...overrides });
    metrics.addMetric(`Verification-${record.outcome}`, MetricUnit.Count, 1);
    if (record.outcome === 'unknown-record') logger.warn('Verification request names no run of the state table; ignored', { messageId: message.messageId, recordId: request.value.recordId });
    await writeRecord(await sign(record), env.AR_REMEDIATION_LOG_GROUP);
    // A failed read is worth another try (the queue redrives, then dead-letters).
    if (record.outcome === 'failed') failures.push({ itemIdentifier: message.messageId });
  }
  return { batchItemFailures: failures };
}

export const handler = middy((event: SQSEvent) => verifyBatch(event)).use(captureLambdaHandler()).use(injectLambdaContext(logger)).use(logMetrics(metrics));
