import type { Target } from '../../lib/catalogue';
import { NO_CONTEXT, mergeContext, type ContextProbe, type ContextRecord, type DeploymentInProgress, type DriftNote, type Where } from '../core/context';
import type { ActionRecord } from '../core/record';
import { describeError } from '../runtime/aws-call';
import type { AwsCallRecord } from '../core/record';
import type { ContextSettings } from '../runtime/settings';
import { ContextBudgetSpentError, contextBudget, type ContextBudget, type StartTimer } from './budget';
import { stackDeploying } from './deployments';
import { driftNote } from './drift';
import { ownerFromTags, targetTags, type Owner } from './ownership';
import { recentChanges } from './recent-changes';

export { contextBudget, type ContextBudget, type StartTimer } from './budget';
export { HOLDS, deployingHold, firstHold, type Hold, type HoldCheck, type HoldInput } from './holds';
export { preferRevert, type RevertChoice } from './revert';

/** What surrounds one resource: its part of the record, and its owning stack where CloudFormation manages it. */
export interface TargetContext {
  readonly record: ContextRecord;
  readonly owner?: Owner;
}

export interface ContextOptions {
  readonly budget: ContextBudget;
  readonly where: Where;
  readonly now: () => Date;
  /** How far back recent changes are looked up. */
  readonly recentChangesMinutes: number;
  /** The responder's family's own reads (tags, rollouts). @default none: recent changes only */
  readonly probe?: ContextProbe;
}

const why = (err: unknown) => (err instanceof ContextBudgetSpentError ? `budget of ${err.budgetMs} ms spent` : describeError(err));

/** An ECS rollout or a Lambda alias shifting traffic, where the family's probe reads them. */
async function rolloutOf(resource: Target, budget: ContextBudget, probe: ContextProbe): Promise<DeploymentInProgress | undefined> {
  if (resource.type === 'ecs') return probe.ecs?.rollout?.(resource, budget);
  if (resource.type === 'lambda') return probe.lambda?.rollout?.(resource, budget);
  return undefined;
}

/**
 * Reads what surrounds one resource, each part on its own: a part that fails or runs out of the
 * budget is named in `unavailable` (the decision then goes ahead on the alarm alone), never thrown.
 */
export async function readTargetContext(resource: Target, options: ContextOptions): Promise<TargetContext> {
  const { budget } = options;
  const unavailable: string[] = [];
  const part = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (err) {
      unavailable.push(`context unavailable: ${what} of ${resource.key} (${why(err)})`);
      return undefined;
    }
  };
  const [tags, rollout, changes] = await Promise.all([
    part('CloudFormation ownership', () => targetTags(resource, options.where, budget, options.probe ?? {})),
    part('deployments', () => rolloutOf(resource, budget, options.probe ?? {})),
    part('recent changes', () => recentChanges(resource, budget, options.now(), options.recentChangesMinutes)),
  ]);
  const owner = tags === undefined || tags === 'unsupported' ? undefined : ownerFromTags(tags);
  const stack = owner === undefined ? undefined : await part('stack status', () => stackDeploying(resource, owner, budget));
  if (changes?.truncated) unavailable.push(`context incomplete: more than 50 recent changes of ${resource.key}; only the latest 50 read`);
  unavailable.push(...(changes?.unreadable ?? []).map((u) => `context unavailable: ${u}`));
  const record: ContextRecord = {
    deployments: [stack, rollout].filter((d): d is DeploymentInProgress => d !== undefined),
    recentChanges: changes?.changes ?? [],
    drift: [],
    unavailable,
  };
  return owner === undefined ? { record } : { record, owner };
}

/** The context reads of one notification: each resource read once, the record built from what was read. */
export interface ContextReader {
  of(resource: Target): Promise<TargetContext>;
  /** Whether `resource` was read (a dry run, or a resource never reached, is not). */
  has(resource: Target): boolean;
  /** The record's context: every resource read, and the drift of each action planned or applied on a stack's resource. */
  record(actions: readonly ActionRecord[]): Promise<ContextRecord | undefined>;
  close(): void;
}

export function contextReader(options: ContextOptions): ContextReader {
  const read = new Map<string, { readonly resource: Target; readonly context: Promise<TargetContext> }>();
  return {
    of(resource) {
      const known = read.get(resource.key);
      if (known) return known.context;
      const context = readTargetContext(resource, options);
      read.set(resource.key, { resource, context });
      return context;
    },
    has: (resource) => read.has(resource.key),
    async record(actions) {
      if (read.size === 0) return undefined;
      let merged = NO_CONTEXT;
      for (const { resource, context } of read.values()) {
        const { record, owner } = await context;
        const drift = owner === undefined ? [] : actions.filter((a) => a.targetKey === resource.key && a.plan !== undefined).map((a) => driftNote(resource, owner, a.remediation));
        merged = mergeContext(merged, { ...record, drift: drift.filter((d): d is DriftNote => d !== undefined) });
      }
      return merged;
    },
    close: () => options.budget.close(),
  };
}

/** What a notification opens its context reads with: its call list, clock, and where the targets are. */
export interface ContextOpening {
  readonly calls: AwsCallRecord[];
  readonly now: () => Date;
  readonly where: Where;
}

/** The responder's context reads, as its settings configure them: a new budget and cache per notification. */
export function contextReads(settings: ContextSettings, probe: ContextProbe = {}, startTimer?: StartTimer): (open: ContextOpening) => ContextReader {
  return (open) =>
    contextReader({
      budget: contextBudget({ budgetMs: settings.budgetMs, calls: open.calls, startTimer }),
      where: open.where,
      now: open.now,
      recentChangesMinutes: settings.recentChangesMinutes,
      probe,
    });
}
