import type { State } from './state';
import type { MaintenanceLevel, Target, TargetType } from '../../lib/catalogue';

/**
 * What surrounds a target before the responder acts on it: a deployment in progress, the recent
 * management changes, and who owns it in CloudFormation. Read by lambdas/context (read-only,
 * within a time budget), held in every record (ResultRecord.context) and escalation.
 * Maintenance windows (issue 14 item 2) add their field here.
 */

/** A deployment changing the target now: the responder yields to it rather than fight it. */
export interface DeploymentInProgress {
  /** The configured resource it was found on. */
  readonly resource: string;
  /** `stack`: its CloudFormation stack in a *_IN_PROGRESS state; `ecs-rollout`: an ECS deployment rolling out; `alias-shift`: a Lambda alias routing traffic to two versions. */
  readonly kind: 'stack' | 'ecs-rollout' | 'alias-shift';
  /** What deploys, in words: `stack rung-api (UPDATE_IN_PROGRESS)`. */
  readonly what: string;
  /** When it started, where AWS says (ISO 8601). */
  readonly since?: string;
}

/** A value a recent change replaced, where the event says both sides (a revert can put the old one back). */
export interface ChangedValue {
  /** The setting: `MemorySize`, `Timeout`, `FunctionVersion`, `ReservedConcurrentExecutions`, `taskDefinition`. */
  readonly setting: string;
  /** The value before the change, where something verifiable says it; absent when it cannot be known. */
  readonly from?: string | number;
  readonly to: string | number;
  /** Where `from` comes from: `an earlier CloudTrail event (<id>)`, `the ECS service's previous deployment`. */
  readonly fromSource?: string;
}

/** One management change made to the target, from CloudTrail's event history. */
export interface RecentChange {
  readonly resource: string;
  /** ISO 8601. */
  readonly time: string;
  /** The API call: `UpdateFunctionConfiguration20150331v2`. */
  readonly event: string;
  /** `lambda.amazonaws.com`. */
  readonly source: string;
  /** Who: the user name, or the role session CloudTrail records. */
  readonly who: string;
  readonly eventId: string;
  /** What it set, where the responder can read it from the request. */
  readonly changed?: ChangedValue;
}

/** The target is CloudFormation's: a fix drifts from the template, and the next deployment puts it back. */
export interface DriftNote {
  readonly resource: string;
  readonly stack: string;
  readonly logicalId: string;
  /** The CloudFormation resource type: `AWS::Lambda::Function`. */
  readonly resourceType: string;
  /** The template properties the fix changes: `MemorySize`. */
  readonly properties: readonly string[];
  /** What people should do, in words. */
  readonly text: string;
}

/** A maintenance window open when the responder looked: named in the reason and the record. */
export interface OpenWindow {
  readonly name: string;
  /** Where it was configured: the deployment, the system or the resource. */
  readonly level: MaintenanceLevel;
  /** `cron 0 2 * * SUN` or `once at 2026-12-24T18:00`, in `timeZone`. */
  readonly schedule: string;
  readonly timeZone: string;
  /** This occurrence, as UTC instants. */
  readonly start: string;
  readonly end: string;
}

/** A maintenance window found open (issue 14 item 2): the window, and whether the alarm's severity still pages inside it. */
export interface MaintenanceFound extends OpenWindow {
  readonly escalates: boolean;
}

/**
 * The context of a record. `unavailable` names each read that failed or ran out of the time
 * budget: the decision then went ahead on the alarm alone, and the record says so.
 */
export interface ContextRecord {
  readonly deployments: readonly DeploymentInProgress[];
  readonly recentChanges: readonly RecentChange[];
  readonly drift: readonly DriftNote[];
  /** `context unavailable: recent changes of rung-api (budget of 2000 ms spent)`. */
  readonly unavailable: readonly string[];
  /** The maintenance window the target was in: nothing was applied. */
  readonly maintenance?: MaintenanceFound;
}

export const NO_CONTEXT: ContextRecord = { deployments: [], recentChanges: [], drift: [], unavailable: [] };

/** Two contexts as one (the target's and its backends'), each item naming its resource. */
export function mergeContext(a: ContextRecord, b: ContextRecord): ContextRecord {
  return {
    deployments: [...a.deployments, ...b.deployments],
    recentChanges: [...a.recentChanges, ...b.recentChanges],
    drift: [...a.drift, ...b.drift],
    unavailable: [...new Set([...a.unavailable, ...b.unavailable])],
    ...((a.maintenance ?? b.maintenance) ? { maintenance: a.maintenance ?? b.maintenance } : {}),
  };
}

/** The context as an escalation's record carries it: plain JSON, absent fields left out. */
export function contextAsState(context: ContextRecord): State {
  return {
    deployments: context.deployments.map((d) => ({ resource: d.resource, kind: d.kind, what: d.what, ...(d.since ? { since: d.since } : {}) })),
    recentChanges: context.recentChanges.map((c) => ({
      resource: c.resource,
      time: c.time,
      event: c.event,
      source: c.source,
      who: c.who,
      eventId: c.eventId,
      ...(c.changed
        ? {
            changed: {
              setting: c.changed.setting,
              to: c.changed.to,
              ...(c.changed.from !== undefined ? { from: c.changed.from } : {}),
              ...(c.changed.fromSource ? { fromSource: c.changed.fromSource } : {}),
            },
          }
        : {}),
    })),
    drift: context.drift.map((d) => ({ resource: d.resource, stack: d.stack, logicalId: d.logicalId, resourceType: d.resourceType, properties: [...d.properties], text: d.text })),
    unavailable: [...context.unavailable],
    ...(context.maintenance ? { maintenance: { ...context.maintenance } } : {}),
  };
}

/** One context read, as the record's call list names it, and its cache key (the same read twice in an invocation is made once). */
export interface ContextCall {
  readonly service: string;
  readonly operation: string;
  readonly key: string;
}

/**
 * The time budget and cache every context read of one invocation shares (lambdas/context/budget.ts):
 * `send` gets the signal that aborts it when the budget runs out.
 */
export interface ContextBudget {
  readonly budgetMs: number;
  read<T>(call: ContextCall, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T>;
  /** Stops the clock and aborts what is still pending: call it once the record is finished. */
  close(): void;
}

/** Where a target lives: its ARNs are built from these. */
export interface Where {
  readonly account: string;
  readonly region: string;
}

/** Tags as a map. */
export type Tags = ReadonlyMap<string, string>;

/** What a family's own APIs tell of one target type: its tags (the owning stack), a rollout in progress. */
export interface TargetProbe<T extends TargetType> {
  tags?(target: Target<T>, where: Where, budget: ContextBudget): Promise<Tags>;
  rollout?(target: Target<T>, budget: ContextBudget): Promise<DeploymentInProgress | undefined>;
}

/**
 * The context reads of each target type, through its family's own clients: a responder's bundle
 * holds only its family's (lambdas/remediations/<family>/context-probe.ts), as it holds only its
 * family's remediations. A type without one gets recent changes only.
 */
export type ContextProbe = { readonly [T in TargetType]?: TargetProbe<T> };
