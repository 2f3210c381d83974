import { randomUUID } from 'node:crypto';
import type { Target } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { AutonomyLevel } from '../core/autonomy';
import { planHashes } from './plan-hash';
import type { AwsCallRecord, BreachConfirmation, ProposalRecord } from '../core/record';
import type { ChangePlan } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import type { State } from '../core/state';
import { describeError } from '../runtime/aws-call';
import type { ApprovalSettings } from '../runtime/settings';
import type { Proposals } from '../guardrails/proposals';
import { approvalCommands, type PublishApprovalRequest } from '../escalation/approval-request';

/** Why a plan waits for a person: the level the ladder (or the guarded-action guard) decided, and why. */
export interface ProposeLevel {
  readonly level: AutonomyLevel;
  readonly why: string;
}

/** Stores a plan for approval and asks people for it; the record's action carries what it returns. */
export type Propose = (plan: ChangePlan, resource: Target, level: ProposeLevel) => Promise<ProposalRecord>;

export interface ProposerInput {
  readonly recordId: string;
  readonly system: string;
  readonly family: string;
  readonly approvals: ApprovalSettings;
  readonly proposals: Proposals;
  readonly publish: PublishApprovalRequest;
  readonly topicArn: string;
  readonly incident: Incident;
  readonly resolved: ResolvedAlarm;
  readonly calls: AwsCallRecord[];
  readonly now: () => Date;
  /** The breach confirmation, where it was asked before the guards. */
  readonly confirmation: () => BreachConfirmation | undefined;
}

const params = (p: ChangePlan): State => (typeof p.params === 'object' && p.params !== null && !Array.isArray(p.params) ? p.params : {});

/**
 * The `propose` hook of a run: stores the plan (with the hashes of the plan and of the state it
 * was computed from) under a new id, single use, expiring after `approvals.expiresMinutes`, and
 * publishes the approval request. Written at once rather than with the run's last writes: the
 * request must not reach people before the proposal it names exists. Never throws: a proposal
 * that could not be stored says why, and the plan is escalated as before.
 */
export function proposer(input: ProposerInput): Propose {
  return async (plan, resource, level) => {
    const id = `${input.system}.${input.family}.${randomUUID()}`;
    const now = input.now();
    const expiresAt = new Date(now.getTime() + input.approvals.expiresMinutes * 60_000);
    const hashes = planHashes(plan);
    const base = { id, expiresAt: expiresAt.toISOString(), ...hashes };
    const { alarm } = input.incident;
    try {
      await input.proposals.write({
        id,
        system: input.system,
        family: input.family,
        expiresAt,
        recordId: input.recordId,
        alarm: { name: alarm.name, arn: alarm.arn, region: alarm.region, account: alarm.account, stateChangeTime: alarm.stateChangeTime.toISOString() },
        alertKind: input.incident.kind,
        windowSeconds: input.incident.windowSeconds,
        targetKey: resource.key,
        plan: { remediation: plan.remediation, resource: plan.resource, summary: plan.summary, before: plan.before, after: plan.after, params: params(plan), ...(plan.reverts ? { reverts: plan.reverts } : {}) },
        ...hashes,
      });
    } catch (err) {
      return { ...base, stored: false, error: `could not store the proposal in the state table: ${describeError(err)}` };
    }
    const confirmation = input.confirmation();
    const request = await input.publish(
      {
        proposalId: id,
        severity: input.resolved.kind.severity,
        alarm: { name: alarm.name, kind: input.incident.kind, time: alarm.stateChangeTime.toISOString(), reason: alarm.reason },
        system: input.system,
        family: input.family,
        recordId: input.recordId,
        change: { remediation: plan.remediation, resource: plan.resource, summary: plan.summary, before: plan.before, after: plan.after },
        guards: [
          `level ${level.level}: ${level.why}`,
          ...(confirmation ? [`breach: ${confirmation.reason}`] : []),
        ],
        expiresAt: expiresAt.toISOString(),
        commands: approvalCommands(id),
      },
      input.topicArn,
      input.calls,
    );
    if (!request.published) return { ...base, stored: true, request, error: `the approval request was not published: ${request.error ?? 'unknown error'}` };
    return { ...base, stored: true, request };
  };
}
