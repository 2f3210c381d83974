import type {
  AlertKind,
  Comparison,
  MissingData,
  RemediationId,
  ResponderFamily,
  Severity,
  Signal,
  Target,
} from '../catalogue';
import type { DeploymentConfig, SystemConfig } from '../config/schema';

/** One alarm to create: catalogue entry × configured resource, with overrides applied. */
export interface PlannedAlarm {
  readonly name: string;
  readonly system: string;
  readonly kind: AlertKind;
  readonly severity: Severity;
  readonly target: Target;
  readonly signal: Signal<unknown>;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingData;
  /** The metric exists only in us-east-1, so the alarm is created there. */
  readonly usEast1: boolean;
  readonly remediation: readonly RemediationId[];
  readonly family: ResponderFamily;
  /** The resources the remediation changes: the target itself, or its backends. */
  readonly actsOn: readonly Target[];
  readonly description: string;
}

/** A SNS filter-policy value: an exact alarm name or an alarm-name prefix. */
export type AlarmNameFilter = string | { readonly prefix: string };

/** One responder function: a system's alarms whose remediations share a family. */
export interface PlannedResponder {
  readonly id: string;
  readonly system: string;
  readonly family: ResponderFamily;
  readonly alarms: readonly PlannedAlarm[];
  /** The alarm targets the responder resolves alarm names to (backends included). */
  readonly targets: readonly Target[];
  /** Every remediation the responder may run, by the targets it may run it on. */
  readonly grants: ReadonlyMap<RemediationId, readonly Target[]>;
  readonly filter: readonly AlarmNameFilter[];
  /** Log groups whose events the escalation diagnostics read. */
  readonly diagnosticLogGroups: readonly string[];
}

/** An alarm the configuration asks for but the app does not create: AWS would not publish its metric. */
export interface WithheldAlarm {
  readonly name: string;
  readonly kind: AlertKind;
  readonly target: Target;
  /** What to enable, and which configuration field then says so. */
  readonly reason: string;
}

export interface SystemPlan {
  readonly id: string;
  readonly config: SystemConfig;
  readonly targets: readonly Target[];
  readonly alarms: readonly PlannedAlarm[];
  /** Alarms left out because a precondition outside the app does not hold (synth warns about each). */
  readonly withheld: readonly WithheldAlarm[];
  /** The shard of severity topics the system's alarms notify and its responders subscribe to (1-based). */
  readonly topicShard: number;
  readonly responders: readonly PlannedResponder[];
}

export interface DeploymentPlan {
  readonly config: DeploymentConfig;
  readonly systems: readonly SystemPlan[];
  /** Shards of severity topics: 1 unless the responders need more filtered subscriptions than one topic allows. */
  readonly topicShards: number;
  /** Alarms on us-east-1-only metrics notify topics in us-east-1 of their own (the home region is elsewhere). */
  readonly separateUsEast1Topics: boolean;
}
