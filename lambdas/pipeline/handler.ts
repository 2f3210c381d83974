import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { ResultRecord } from '../core/record';
import { logger, metrics, tracer } from '../runtime/powertools';
import { settingsFromEnv, type ResponderSettings } from '../runtime/settings';
import { createGuardrails, type Guardrails } from '../guardrails';
import { escalate } from '../escalation/publish';
import type { RemediationSet } from './act';
import { decideMode } from './mode';
import { deliveryOf, parseInvocation } from './notification';
import { writeRecord } from './record-writer';
import { respond, type RespondDeps } from './respond';
import { scheduleVerification } from './verification';

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` → the responder's own account and region. */
export function selfFromContext(context: Pick<Context, 'invokedFunctionArn'>): { account: string; region: string } {
  const parts = context.invokedFunctionArn.split(':');
  return { account: parts[4] ?? '', region: parts[3] ?? process.env.AWS_REGION ?? '' };
}

/**
 * Publishes each record's count at once, with its own dimensions. One instance for the container:
 * a single-metric instance clears its dimensions when it publishes, and building one per record
 * (a new Console, every POWERTOOLS_* variable read again) cost about 60 µs a notification, a
 * fifth of the handler's own time (bench/handler-overhead.ts).
 */
let recordCounter: Metrics | undefined;

function countRecord(record: ResultRecord): void {
  const single = (recordCounter ??= metrics.singleMetric());
  single.addDimensions({ decision: record.decision, kind: record.alertKind ?? 'none' });
  single.addMetric('Notifications', MetricUnit.Count, 1);
}

/** What a manual invocation returns: the record itself; for SNS, a short summary per record. */
export type HandlerResult = ResultRecord | { readonly records: ReadonlyArray<Pick<ResultRecord, 'recordId' | 'decision' | 'reasonCode'>> };

/**
 * Builds a responder's Lambda handler. Settings are read on the first invocation, not at
 * module load, so a cold start does only what it must.
 */
export function createHandler(
  remediations: RemediationSet,
  overrides: Partial<RespondDeps> = {},
  injected?: Guardrails,
) {
  let settings: ResponderSettings | undefined;
  let guardrails: Guardrails | undefined = injected;
  const base = async (event: unknown, context: Context): Promise<HandlerResult> => {
    settings ??= overrides.settings ?? settingsFromEnv();
    guardrails ??= createGuardrails(settings);
    const s = settings;
    const killSwitch = await guardrails.readKillSwitch();
    const deps: RespondDeps = {
      settings: s,
      remediations,
      escalate,
      self: selfFromContext(context),
      requestId: context.awsRequestId,
      guard: guardrails.guard,
      killSwitch,
      ...overrides,
    };
    const records: ResultRecord[] = [];
    for (const outcome of parseInvocation(event)) {
      // Verification is scheduled inside the idempotent run: if scheduling throws, the key is
      // freed and SNS's retry meets the cooldown rather than a second apply.
      const record = await guardrails.respondOnce(
        deliveryOf(outcome),
        async () => {
          const r = await respond(outcome, deps);
          // An undo is a person's decision, not a fix for the alarm: nothing to verify.
          return r.decision === 'applied' && r.mode === 'enforce' && r.recordType === 'notification'
            ? { ...r, verification: await scheduleVerification(r, s.verifyQueueUrl, s.guardrails.verifyAfterMinutes) }
            : r;
        },
        { requestId: context.awsRequestId, lambdaContext: context, mode: decideMode('enforce', killSwitch).mode },
      );
      await writeRecord(record, s.remediationLogGroup);
      countRecord(record);
      logger.info('Notification handled', { recordId: record.recordId, decision: record.decision, reasonCode: record.reasonCode, alarm: record.alarm?.name });
      records.push(record);
    }
    metrics.addMetric('RecordsProduced', MetricUnit.Count, records.length);
    if (records.length === 1 && records[0].source === 'manual') return records[0];
    return { records: records.map((r) => ({ recordId: r.recordId, decision: r.decision, reasonCode: r.reasonCode })) };
  };
  return middy(base).use(captureLambdaHandler(tracer)).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}
