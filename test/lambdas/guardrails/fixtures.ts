import { randomUUID } from 'node:crypto';
import { DEFAULT_CAPS, type RemediationId, type Severity, type Target, type TargetProps, type TargetType } from '../../../lib/catalogue';
import { int, object } from '../../../lambdas/core/params';
import { defineRemediation, type ChangePlan } from '../../../lambdas/core/remediation';
import type { Alarm } from '../../../lambdas/core/alarm';
import type { Escalate } from '../../../lambdas/escalation/escalate-alarm';
import type { GuardInput } from '../../../lambdas/guardrails/guard';
import { resolveAlarm } from '../../../lambdas/pipeline/resolve';
import type { ResponderSettings } from '../../../lambdas/runtime/settings';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';

export const LATENCY = 'ar-rung-high-latency-rung-api-prod';
export const T0 = new Date('2026-11-23T03:12:45.123Z');
export const minutes = (date: Date, n: number): Date => new Date(date.getTime() + n * 60_000);

/** A target of any type, as a responder's settings would hold it. */
export function target<T extends TargetType>(type: T, key: string, props: TargetProps<T>, system = 'rung'): Target<T> {
  return { type, key, system, props, caps: DEFAULT_CAPS, guarded: [] };
}

export interface InputOptions {
  readonly resource?: Target;
  readonly remediation?: RemediationId;
  readonly now?: Date;
  readonly settings?: ResponderSettings;
  readonly guardrails?: Partial<ResponderSettings['guardrails']>;
  /** The run's record. @default a new id */
  readonly recordId?: string;
  /** When the run's invocation ends. @default a minute after `now` */
  readonly deadline?: Date;
  readonly severity?: Severity;
  readonly cooldownKey?: string;
}

/** What act.ts hands a guard for the default configuration's rung latency alarm. */
export function guardInput(o: InputOptions = {}): GuardInput {
  const base = o.settings ?? settingsForAlarm(LATENCY);
  const settings: ResponderSettings = { ...base, guardrails: { ...base.guardrails, ...o.guardrails } };
  const alarm: Alarm = { name: LATENCY, state: 'ALARM', reason: '', stateChangeTime: T0, stateChangeTimeRaw: '2026-11-23T03:12:45.123+0000', region: 'us-east-1', account: ACCOUNT, metrics: [] };
  const resolution = resolveAlarm(alarm, settings, { account: ACCOUNT, region: 'us-east-1' });
  if (!resolution.ok) throw new Error(resolution.reason);
  const resource = o.resource ?? resolution.value.target;
  const plan: ChangePlan = {
    kind: 'change',
    remediation: o.remediation ?? 'raise-provisioned-concurrency',
    resource: resource.key,
    summary: '2 -> 4',
    before: { value: 2 },
    after: { value: 4 },
    params: { value: 4 },
  };
  const now = o.now ?? T0;
  return {
    plan,
    resource,
    settings,
    now,
    run: { recordId: o.recordId ?? randomUUID(), deadline: o.deadline ?? new Date(now.getTime() + 60_000) },
    severity: o.severity ?? resolution.value.kind.severity,
    cooldownKey: o.cooldownKey ?? plan.remediation,
  };
}

/** An in-process remediation: plans a change on any resource and counts (and records) its applies. */
export function countingRemediation(id: RemediationId, applyDelayMs = 0) {
  const applied: Array<{ resource: string; at: number }> = [];
  const remediation = defineRemediation({
    id,
    targetType: 'lambda',
    params: object({ value: int() }),
    async plan(ctx) {
      ctx.calls.push({ service: 'lambda', operation: 'GetFunctionConcurrency', mutating: false, ok: true, attempts: 1 });
      return { kind: 'change', remediation: id, resource: ctx.target.key, summary: '10 -> 20', before: { value: 10 }, after: { value: 20 }, params: { value: 20 } };
    },
    async apply({ value }, ctx) {
      // Long enough for concurrent deliveries to overlap, as they do in Lambda.
      if (applyDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, applyDelayMs));
      ctx.calls.push({ service: 'lambda', operation: 'PutFunctionConcurrency', mutating: true, ok: true, attempts: 1 });
      applied.push({ resource: ctx.target.key, at: Date.now() });
      return { after: { value }, summary: `raised ${ctx.target.key}` };
    },
  });
  return { remediation, applied };
}

/** An escalation that only counts. */
export function countingEscalation() {
  const calls: Parameters<Escalate>[0][] = [];
  const fn: Escalate = async (input) => {
    calls.push(input);
    return { messageId: 'msg-1', diagnostics: {} } as Awaited<ReturnType<Escalate>>;
  };
  return { fn, calls };
}
