import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { DEFAULT_LOG_LINES, LOG_LINE_MODES, RESPONDER_FAMILIES, SEVERITY_IDS, capsSchema, decodeResponderTargets, type AlertKindId, type Caps, type LogLinesSettings, type ResponderFamily, type Target } from '../../lib/catalogue';
import { KILL_SWITCH_MODES } from '../core/mode';
import { int, list, object, oneOf, strList, type Infer } from '../core/params';

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

/** `escalation.logLines` as the CDK app wrote it into AR_LOG_LINES (validated there, patterns included). */
const logLinesSettings = object({ include: oneOf(...LOG_LINE_MODES), maxLines: int(1), redactPatterns: strList() });

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
}

/** A required environment variable was missing or malformed: a deployment fault, not an input fault. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const envSchema = z.object({
  AR_PREFIX: z.string().min(1),
  AR_SYSTEM: z.string().min(1),
  AR_FAMILY: z.enum(RESPONDER_FAMILIES),
  AR_CAPS: z.string().min(2),
  // Inline, or (for systems whose targets do not fit the 4 KB environment) a file in a layer.
  AR_TARGETS: z.string().min(2).optional(),
  AR_TARGETS_FILE: z.string().startsWith('/').optional(),
  AR_GUARDRAILS: z.string().min(2),
  AR_REMEDIATION_LOG_GROUP: z.string().min(1),
  AR_ESCALATION_TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:/),
  AR_ALLOWED_REGIONS: z.string().min(1),
  AR_MODE_PARAMETER: z.string().startsWith('/'),
  AR_VERIFY_QUEUE_URL: z.url(),
  AR_STATE_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/),
  // Absent: the safe default (redacted lines), never raw ones.
  AR_LOG_LINES: z.string().min(2).optional(),
});

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

function readGuardrails(json: unknown): GuardrailLimits {
  const read = guardrailsSettings.read(json, 'AR_GUARDRAILS');
  if (read.ok) return read.value;
  throw new SettingsError(`${read.path} must be ${read.expected}, got ${JSON.stringify(read.received) ?? 'nothing'}`);
}

/** AR_LOG_LINES, or the default where the variable is absent; shared with the verifier. */
export function readLogLines(text: string | undefined): LogLinesSettings {
  if (text === undefined) return DEFAULT_LOG_LINES;
  const read = logLinesSettings.read(parseJson('AR_LOG_LINES', text), 'AR_LOG_LINES');
  if (read.ok) return read.value;
  throw new SettingsError(`${read.path} must be ${read.expected}, got ${JSON.stringify(read.received) ?? 'nothing'}`);
}

/** Reads the responder's settings from its environment once, failing with every problem named. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ResponderSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new SettingsError(`Responder environment is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const caps = capsSchema.parse(parseJson('AR_CAPS', e.AR_CAPS));
  const decoded = decodeResponderTargets(e.AR_TARGETS ?? readTargetsFile(e.AR_TARGETS_FILE), caps, e.AR_SYSTEM);
  return {
    prefix: e.AR_PREFIX,
    system: e.AR_SYSTEM,
    family: e.AR_FAMILY,
    caps,
    targets: decoded.targets,
    plannedKinds: decoded.planned,
    guardrails: readGuardrails(parseJson('AR_GUARDRAILS', e.AR_GUARDRAILS)),
    remediationLogGroup: e.AR_REMEDIATION_LOG_GROUP,
    escalationTopicArn: e.AR_ESCALATION_TOPIC_ARN,
    allowedRegions: e.AR_ALLOWED_REGIONS.split(',').map((r) => r.trim()).filter(Boolean),
    modeParameter: e.AR_MODE_PARAMETER,
    verifyQueueUrl: e.AR_VERIFY_QUEUE_URL,
    stateTable: e.AR_STATE_TABLE,
    logLines: readLogLines(e.AR_LOG_LINES),
  };
}
