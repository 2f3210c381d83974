import { Tokenization } from 'aws-cdk-lib';
import { encodeAutonomy, encodeTargets, type AutonomyLimits, type Caps, type LogLinesSettings, type PlannedKinds, type ResponderFamily, type ResponderMaintenance, type Target } from '../../catalogue';
import type { ContextConfig, Guardrails } from '../../config/schema';

/** Lambda's limit on the environment, measured as the JSON of all variables ("String measured: {...}"). */
export const MAX_ENVIRONMENT_BYTES = 4096;

/**
 * Tokens (the topic ARN, the log group name) are unknown at synth: each is counted at this size,
 * generous for an ARN or a log group name this app creates, so the check fails at synth rather
 * than at deploy.
 */
export const TOKEN_SIZE_ALLOWANCE = 256;

/** Powertools' `service` dimension: per responder, so its metrics and alarms are its own. */
export function responderServiceName(system: string, family: ResponderFamily): string {
  return `alert-responder-${system}-${family}`;
}

/** What a responder reads from its environment (lambdas/runtime/settings.ts). */
export interface ResponderEnvironmentInput {
  readonly prefix: string;
  readonly system: string;
  readonly family: ResponderFamily;
  readonly baseCaps: Caps;
  readonly targets: readonly Target[];
  /** The alert kinds planned on each target: the responder acts on no other alarm. */
  readonly plannedKinds: PlannedKinds;
  readonly guardrails: Guardrails;
  readonly remediationLogGroupName: string;
  readonly escalationTopicArn: string;
  readonly allowedRegions: readonly string[];
  readonly stateTableName: string;
  readonly verifyQueueUrl: string;
  /** What escalations carry of log lines (`escalation.logLines`). */
  readonly logLines: LogLinesSettings;
  /** The `context` section: the time budget of context reads and what they look at. */
  readonly context: ContextConfig;
  /** When a remediation drops to `propose` on a resource (`autonomy.recurrence`, `autonomy.failedVerifications`). @default the built-in 3 in 7 days, 2 */
  readonly autonomy?: AutonomyLimits;
  /** Where the targets file is when they do not fit the environment (a layer's path). */
  readonly targetsFile?: string;
  /** Multi-account: the operations account's topic that escalations also reach. */
  readonly centralEscalationTopicArn?: string;
  /** Who approves proposals and for how long they stand; absent, nothing is proposed. */
  readonly approvals?: { readonly approvers: readonly string[]; readonly expiresMinutes: number };
  /** The role an approved apply assumes, limited to its plan (private/action-role.ts); none for a responder without remediations. */
  readonly actionRoleArn?: string;
  /** Maintenance windows of the system (none: no AR_MAINTENANCE); each target's own travel with it in AR_TARGETS. */
  readonly maintenance?: ResponderMaintenance;
}

/** AR_MAINTENANCE: the deployment's and the system's windows and who still pages inside one (lambdas/runtime/maintenance-settings.ts reads it). */
export function maintenanceVariable(maintenance: ResponderMaintenance | undefined): Record<string, string> {
  if (!maintenance) return {};
  return { AR_MAINTENANCE: JSON.stringify({ escalate: maintenance.escalate, windows: maintenance.windows }) };
}

export function responderEnvironment(input: ResponderEnvironmentInput): Record<string, string> {
  return {
    AR_PREFIX: input.prefix,
    AR_SYSTEM: input.system,
    AR_FAMILY: input.family,
    AR_CAPS: JSON.stringify(input.baseCaps),
    ...(input.targetsFile ? { AR_TARGETS_FILE: input.targetsFile } : { AR_TARGETS: encodeTargets(input.targets, input.baseCaps, input.plannedKinds, input.maintenance?.resources) }),
    AR_GUARDRAILS: JSON.stringify(input.guardrails),
    AR_REMEDIATION_LOG_GROUP: input.remediationLogGroupName,
    AR_ESCALATION_TOPIC_ARN: input.escalationTopicArn,
    AR_ALLOWED_REGIONS: [...new Set(input.allowedRegions)].join(','),
    AR_MODE_PARAMETER: `/${input.prefix}/mode`,
    AR_STATE_TABLE: input.stateTableName,
    AR_VERIFY_QUEUE_URL: input.verifyQueueUrl,
    AR_LOG_LINES: JSON.stringify(input.logLines),
    AR_CONTEXT: JSON.stringify(input.context),
    ...maintenanceVariable(input.maintenance),
    ...(input.autonomy ? { AR_AUTONOMY: JSON.stringify({ recurrence: input.autonomy.recurrence, failedVerifications: input.autonomy.failedVerifications, promoteAfter: input.autonomy.promoteAfter, ...encodeAutonomy(input.autonomy.system) }) } : {}),
    ...(input.centralEscalationTopicArn ? { AR_CENTRAL_ESCALATION_TOPIC_ARN: input.centralEscalationTopicArn } : {}),
    ...(input.approvals ? { AR_APPROVALS: JSON.stringify(input.approvals) } : {}),
    ...(input.actionRoleArn ? { AR_ACTION_ROLE_ARN: input.actionRoleArn } : {}),
    POWERTOOLS_SERVICE_NAME: responderServiceName(input.system, input.family),
    POWERTOOLS_METRICS_NAMESPACE: 'AlertResponder',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
}

function measuredLength(value: string): number {
  const tokens = Tokenization.reverseString(value).tokens.length;
  // Token markers look like `${Token[...]}`: measure the literal rest, and each token at its allowance.
  const literal = tokens > 0 ? value.replace(/\$\{Token\[[^\]]*\]\}/g, '') : value;
  return JSON.stringify(literal).length - 2 + tokens * TOKEN_SIZE_ALLOWANCE;
}

/** The size Lambda measures: `{"KEY":"value",...}` with JSON escaping, tokens at their allowance. */
export function environmentSize(env: Readonly<Record<string, string>>): number {
  const entries = Object.entries(env);
  const inner = entries.map(([k, v]) => JSON.stringify(k).length + 1 + measuredLength(v) + 2).reduce((a, b) => a + b, 0);
  return 2 + inner + Math.max(entries.length - 1, 0);
}

/** Throws at synth what Lambda would reject at deploy, with what to do about it. */
export function assertEnvironmentFits(env: Readonly<Record<string, string>>, system: string, family: ResponderFamily): void {
  const size = environmentSize(env);
  if (size <= MAX_ENVIRONMENT_BYTES) return;
  const targets = env.AR_TARGETS?.length ?? 0;
  const windows = env.AR_MAINTENANCE === undefined ? '' : `, AR_MAINTENANCE ${env.AR_MAINTENANCE.length}`;
  throw new Error(
    `System "${system}": the ${family} responder's environment is ${size} bytes, over Lambda's ${MAX_ENVIRONMENT_BYTES} ` +
      `(AR_TARGETS alone is ${targets}${windows}). Split the system into smaller systems in the configuration, so each responder ` +
      'names fewer targets, or move deployment and system maintenance windows onto the resources they concern.',
  );
}
