import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { KILL_SWITCH_UNREADABLE_METRIC } from '../../lib/catalogue';
import type { ResultRecord } from '../core/record';
import { logger, metrics } from '../runtime/powertools';
import { settingsFromEnv, type ResponderSettings } from '../runtime/settings';
import { captureLambdaHandler } from '../runtime/tracing';
import { createGuardrails, type Guardrails } from '../guardrails';
import type { ContextProbe } from '../core/context';
import type { contextReads as ContextReadsFn } from '../context';

/** Builds a notification's context reads from the settings and the family's probe (lambdas/context). */
export type ContextReadsFactory = typeof ContextReadsFn;
import { escalate } from '../escalation/publish';
import type { RemediationSet } from './act';
import { approvalResponse, type ApprovalResponse } from './approval-handler';
import { isFunctionUrlEvent } from './approval-event';
import { isUnreadable } from './mode';
import { parseInvocation } from './notification';
import { kmsRecordSigner } from './record-signer';
import { writeRecord } from './record-writer';
import { respond, type RespondDeps } from './respond';
import type { scopedApplyOf as ScopedApplyOfFn } from './scoped-session';

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
export type HandlerResult = ResultRecord | { readonly records: ReadonlyArray<Pick<ResultRecord, 'recordId' | 'decision' | 'reasonCode'>> } | ApprovalResponse;

/**
 * Builds a responder's Lambda handler. Settings are read on the first invocation, not at
 * module load, so a cold start does only what it must.
 */
export function createHandler(
  remediations: RemediationSet,
  /**
   * Deps to use instead of the defaults, and how the responder looks around its targets before
   * acting (`context`, with its family's `contextProbe`: tags and rollouts). Given by
   * createActingHandler, so the escalation responder's bundle holds no context clients.
   */
  options: Partial<RespondDeps> & {
    readonly contextProbe?: ContextProbe;
    readonly contextReads?: ContextReadsFactory;
    /** How an approved plan is applied (the action role, scoped to the plan): given by createActingHandler, so the escalation responder bundles no STS client. */
    readonly scopedApplyOf?: typeof ScopedApplyOfFn;
  } = {},
  injected?: Guardrails,
) {
  const { contextProbe, contextReads, scopedApplyOf, ...overrides } = options;
  let settings: ResponderSettings | undefined;
  let guardrails: Guardrails | undefined = injected;
  const base = async (event: unknown, context: Context): Promise<HandlerResult> => {
    settings ??= overrides.settings ?? settingsFromEnv();
    guardrails ??= createGuardrails(settings);
    const s = settings;
    const killSwitch = await guardrails.readKillSwitch();
    // The invocation runs as `off` then; an alarm on this metric tells people the switch is broken.
    if (isUnreadable(killSwitch)) metrics.addMetric(KILL_SWITCH_UNREADABLE_METRIC, MetricUnit.Count, 1);
    const deps: RespondDeps = {
      settings: s,
      remediations,
      escalate,
      self: selfFromContext(context),
      requestId: context.awsRequestId,
      guard: guardrails.guard,
      claims: guardrails.claims,
      applied: guardrails.applied,
      // Claims and locks of this run hold until its invocation ends.
      deadline: new Date(Date.now() + context.getRemainingTimeInMillis()),
      killSwitch,
      sign: kmsRecordSigner(s.recordKey),
      proposals: guardrails.proposals,
      ...(contextReads ? { context: contextReads(s.context, contextProbe) } : {}),
      ...(scopedApplyOf ? { scopedApply: scopedApplyOf(s) } : {}),
      ...overrides,
    };
    // An approval through the function URL: one record, returned to the caller as the HTTP response.
    if (isFunctionUrlEvent(event)) {
      const { guard: _policyGuards, ...rest } = deps;
      const response = await approvalResponse(event, { ...rest, guard: guardrails.approvedGuard, proposals: deps.proposals ?? guardrails.proposals }, async (record) => {
        await writeRecord(record, s.remediationLogGroup);
        countRecord(record);
        logger.info('Approval handled', { recordId: record.recordId, decision: record.decision, reasonCode: record.reasonCode, proposal: record.approval?.proposalId });
      });
      return response;
    }
    const records: ResultRecord[] = [];
    for (const outcome of parseInvocation(event)) {
      const record = await respond(outcome, deps);
      await writeRecord(record, s.remediationLogGroup);
      countRecord(record);
      logger.info('Notification handled', { recordId: record.recordId, decision: record.decision, reasonCode: record.reasonCode, alarm: record.alarm?.name });
      records.push(record);
    }
    metrics.addMetric('RecordsProduced', MetricUnit.Count, records.length);
    if (records.length === 1 && records[0].source === 'manual') return records[0];
    return { records: records.map((r) => ({ recordId: r.recordId, decision: r.decision, reasonCode: r.reasonCode })) };
  };
  return middy(base).use(captureLambdaHandler()).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}
