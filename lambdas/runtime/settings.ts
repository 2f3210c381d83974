import { readFileSync } from 'node:fs';
import { DEFAULT_AUTONOMY_LIMITS, DEFAULT_CONTEXT_SETTINGS, DEFAULT_LOG_LINES, DEFAULT_MAINTENANCE_ESCALATION, LOG_LINE_MODES, RESPONDER_FAMILIES, SEVERITY_IDS, recordKeyAlias, type AlertKindId, type AutonomyLimits, type Caps, type LogLinesSettings, type MaintenanceWindow, type ResponderFamily, type ResponderMaintenance, type Target } from '../../lib/catalogue';
import { KILL_SWITCH_MODES } from '../core/mode';
import { bool, int, list, object, oneOf, optional as maybe, strList, type Infer, type Read } from '../core/params';
import { absolutePath, iamRoleArn, json, nonEmpty, optional, readEnv, snsTopicArn, tableName, type EnvRule } from './env-rules';
import { SettingsError } from './settings-error';
import { readMaintenance } from './maintenance-settings';
import { autonomyOf, readCaps, readTargets, remediationLevels, severityCaps } from './targets';

/**
 * The guardrails as the CDK app wrote them into AR_GUARDRAILS, from a configuration it validated
 * (ranges and defaults included: lib/config/schema.ts): the responder checks their shape only, so
 * the configuration's schema stays out of its bundle.
 */
const guardrailsSettings = object({
  cooldownMinutes: int(),
  maxActionsPerHour: int(),
  verifyAfterMinutes: int(1),
  autonomousSeverities: list(oneOf(...SEVERITY_IDS)),
  initialMode: oneOf(...KILL_SWITCH_MODES),
  maxNotificationAgeMinutes: int(1),
  maxClockSkewSeconds: int(),
});
export type GuardrailLimits = Infer<typeof guardrailsSettings>;

/** The `context` section as the CDK app wrote it into AR_CONTEXT (validated there, ranges included). */
const contextSettings = object({ budgetMs: int(1), recentChangesMinutes: int(1), allowRevert: bool(), deploymentRecheckMinutes: int(1) });
export type ContextSettings = Infer<typeof contextSettings>;

/** The deployment's `autonomy` limits as the CDK app wrote them into AR_AUTONOMY (validated there). */
const autonomySettings = object({
  recurrence: object({ maxApplies: int(1), days: int(1) }),
  failedVerifications: int(1),
  promoteAfter: maybe(int(1)),
  // The levels the system and the deployment set, once for all targets.
  l: maybe(remediationLevels),
  s: maybe(severityCaps),
});

function readAutonomy(text: string | undefined): AutonomyLimits {
  if (text === undefined) return DEFAULT_AUTONOMY_LIMITS;
  const { l, s, ...limits } = valueOf(autonomySettings.read(parseJson('AR_AUTONOMY', text), 'AR_AUTONOMY'));
  const { autonomy } = autonomyOf({ l, s });
  return { ...limits, ...(autonomy ? { system: autonomy } : {}) };
}

/** `escalation.logLines` as the CDK app wrote it into AR_LOG_LINES (validated there, patterns included). */
const logLinesSettings = object({ include: oneOf(...LOG_LINE_MODES), maxLines: int(1), redactPatterns: strList() });

/** `approvals` of the configuration as the CDK app wrote it into AR_APPROVALS (validated there). */
const approvalsSettings = object({ approvers: strList(), expiresMinutes: int(1) });
/** Who may approve a proposal of this responder (IAM role ARNs), and how long a proposal waits. */
export type ApprovalSettings = Infer<typeof approvalsSettings>;

/** Everything a responder needs to know about its deployment; from the environment or, in the CLI, from the configuration. */
export interface ResponderSettings {
  readonly prefix: string;
  readonly system: string;
  readonly family: ResponderFamily;
  readonly caps: Caps;
  readonly targets: ReadonlyMap<string, Target>;
  /** The alert kinds the deployment planned an alarm of, per target key: no other alarm acts. */
  readonly plannedKinds: ReadonlyMap<string, ReadonlySet<AlertKindId>>;
  readonly guardrails: GuardrailLimits;
  /** When a remediation drops to `propose` on a resource: the recurrence brake and the fix score. */
  readonly autonomy: AutonomyLimits;
  readonly remediationLogGroup: string;
  readonly escalationTopicArn: string;
  /** Regions whose alarms this responder accepts (its own, plus us-east-1 for us-east-1-only metrics). */
  readonly allowedRegions: readonly string[];
  readonly modeParameter: string;
  /** Delayed re-checks of applied actions go here. */
  readonly verifyQueueUrl: string;
  /** Idempotency keys, cooldowns, locks and the circuit breaker. */
  readonly stateTable: string;
  /** What escalations carry of log lines. */
  readonly logLines: LogLinesSettings;
  /** What is read of the target's surroundings before acting, and within what time (`context`). */
  readonly context: ContextSettings;
  /** The HMAC key that signs the records, by its alias (derived from the prefix: no key ARN in the 4 KB environment). */
  readonly recordKey: string;
  /**
   * Approvals: where set, a guarded action not enabled is proposed (stored, and an approval
   * request sent) instead of only escalated, and the responder's function URL accepts approvals.
   * Absent: no approver is configured, and nothing is proposed.
   */
  readonly approvals?: ApprovalSettings;
  /**
   * The responder's action role, which an approved apply assumes with a session policy limited to
   * its plan (lambdas/pipeline/scoped-apply.ts). Absent in the CLI, which never applies an approval.
   */
  readonly actionRoleArn?: string;
  /** Maintenance windows of the deployment, the system and each target, and who still pages inside one; absent: none configured. */
  readonly maintenance?: ResponderMaintenance;
}

export { SettingsError } from './settings-error';

/** Each variable and what it must hold. */
const ENV = {
  AR_PREFIX: nonEmpty,
  AR_SYSTEM: nonEmpty,
  AR_FAMILY: { test: (v) => RESPONDER_FAMILIES.some((f) => f === v), expected: `one of ${RESPONDER_FAMILIES.join(', ')}` },
  AR_CAPS: json,
  // Inline, or (for systems whose targets do not fit the 4 KB environment) a file in a layer.
  AR_TARGETS: optional(json),
  AR_TARGETS_FILE: optional(absolutePath),
  AR_GUARDRAILS: json,
  AR_REMEDIATION_LOG_GROUP: nonEmpty,
  AR_ESCALATION_TOPIC_ARN: snsTopicArn,
  AR_ALLOWED_REGIONS: nonEmpty,
  AR_MODE_PARAMETER: absolutePath,
  AR_VERIFY_QUEUE_URL: { test: (v) => URL.canParse(v), expected: 'a URL' },
  AR_STATE_TABLE: tableName,
  // Absent: the safe default (redacted lines), never raw ones.
  AR_LOG_LINES: optional(json),
  // Absent: no approvers configured, no proposals.
  AR_APPROVALS: optional(json),
  // Absent: the defaults (an older deployment's environment).
  AR_CONTEXT: optional(json),
  AR_ACTION_ROLE_ARN: optional(iamRoleArn),
  // Absent: no deployment or system window (a target's own windows travel in AR_TARGETS).
  AR_MAINTENANCE: optional(json),
  // Absent (a responder deployed before the ladder): the built-in limits.
  AR_AUTONOMY: optional(json),
} as const satisfies Readonly<Record<string, EnvRule>>;

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SettingsError(`${name} is not valid JSON: ${(err as Error).message}`);
  }
}

function readTargetsFile(path: string | undefined): string {
  if (!path) throw new SettingsError('Responder environment is invalid: neither AR_TARGETS nor AR_TARGETS_FILE is set');
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SettingsError(`AR_TARGETS_FILE ${path} cannot be read: ${(err as Error).message}`);
  }
}

/** The value read, or a SettingsError naming the field, what it must be and what it was. */
function valueOf<T>(read: Read<T>): T {
  if (read.ok) return read.value;
  throw new SettingsError(`${read.path} must be ${read.expected}, got ${JSON.stringify(read.received) ?? 'nothing'}`);
}

/** AR_LOG_LINES, or the default where the variable is absent; shared with the verifier. */
export function readLogLines(text: string | undefined): LogLinesSettings {
  if (text === undefined) return DEFAULT_LOG_LINES;
  return valueOf(logLinesSettings.read(parseJson('AR_LOG_LINES', text), 'AR_LOG_LINES'));
}

/** The windows of AR_MAINTENANCE and of the targets; undefined where there are none. */
function maintenanceOf(text: string | undefined, resources: ReadonlyMap<string, readonly MaintenanceWindow[]>): ResponderMaintenance | undefined {
  if (text === undefined && resources.size === 0) return undefined;
  const read = text === undefined ? { escalate: DEFAULT_MAINTENANCE_ESCALATION, windows: [] } : valueOf(readMaintenance(parseJson('AR_MAINTENANCE', text)));
  return { ...read, resources };
}

const familyOf = (value: string): ResponderFamily => valueOf(oneOf(...RESPONDER_FAMILIES).read(value, 'AR_FAMILY'));

/** Reads the responder's settings from its environment once, failing with every problem named. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ResponderSettings {
  const e = readEnv(ENV, env, 'Responder');
  const caps = valueOf(readCaps(parseJson('AR_CAPS', e.AR_CAPS)));
  const json = e.AR_TARGETS !== undefined ? parseJson('AR_TARGETS', e.AR_TARGETS) : parseJson('AR_TARGETS_FILE', readTargetsFile(e.AR_TARGETS_FILE));
  const decoded = valueOf(readTargets(json, caps, e.AR_SYSTEM));
  return {
    prefix: e.AR_PREFIX,
    system: e.AR_SYSTEM,
    family: familyOf(e.AR_FAMILY),
    caps,
    targets: decoded.targets,
    plannedKinds: decoded.planned,
    guardrails: valueOf(guardrailsSettings.read(parseJson('AR_GUARDRAILS', e.AR_GUARDRAILS), 'AR_GUARDRAILS')),
    autonomy: readAutonomy(e.AR_AUTONOMY),
    remediationLogGroup: e.AR_REMEDIATION_LOG_GROUP,
    escalationTopicArn: e.AR_ESCALATION_TOPIC_ARN,
    allowedRegions: e.AR_ALLOWED_REGIONS.split(',').map((r) => r.trim()).filter(Boolean),
    modeParameter: e.AR_MODE_PARAMETER,
    verifyQueueUrl: e.AR_VERIFY_QUEUE_URL,
    stateTable: e.AR_STATE_TABLE,
    logLines: readLogLines(e.AR_LOG_LINES),
    context: e.AR_CONTEXT === undefined ? DEFAULT_CONTEXT_SETTINGS : valueOf(contextSettings.read(parseJson('AR_CONTEXT', e.AR_CONTEXT), 'AR_CONTEXT')),
    recordKey: recordKeyAlias(e.AR_PREFIX),
    ...(e.AR_APPROVALS === undefined ? {} : { approvals: valueOf(approvalsSettings.read(parseJson('AR_APPROVALS', e.AR_APPROVALS), 'AR_APPROVALS')) }),
    ...(e.AR_ACTION_ROLE_ARN === undefined ? {} : { actionRoleArn: e.AR_ACTION_ROLE_ARN }),
    maintenance: maintenanceOf(e.AR_MAINTENANCE, decoded.windows),
  };
}
