import type { ChangedValue } from '../core/context';
import { int, nullable, object, optional, str, text, type Schema } from '../core/params';

/** Any object, kept whole: the request's parameters, whose shape depends on the call (read below, per call). */
const anyObject: Schema<Readonly<Record<string, unknown>>> = {
  expected: 'an object',
  read: (v, path) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? { ok: true, value: Object.fromEntries(Object.entries(v)) } : { ok: false, path, expected: 'an object', received: v },
};

/**
 * The parts of a CloudTrail record (the `CloudTrailEvent` JSON string of LookupEvents; fields in
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
 * the responder reads: who made the call, and what the request set.
 */
const recordSchema = object({
  eventName: str(),
  eventSource: str(),
  eventTime: str(),
  userIdentity: optional(object({ type: optional(text()), arn: optional(text()), principalId: optional(text()) })),
  // null for calls without parameters.
  requestParameters: nullable(anyObject),
});

/** What a request set that the responder knows how to put back, by the API call (its name without Lambda's version suffix). */
interface SettingRead {
  readonly setting: string;
  /** Which resource the request names, to match the target (a function name may be an ARN). */
  readonly names: Schema<{ readonly name: string }>;
  readonly value: Schema<string | number>;
}

/** One field of the request, by the schema of its value. */
const fieldOf = <T>(field: string, schema: Schema<T>): Schema<T> => ({
  expected: `an object with ${field}`,
  read: (v, path) => {
    const r = object({ [field]: schema }).read(v, path);
    return r.ok ? { ok: true, value: r.value[field] } : r;
  },
});

const nameField = (field: string): Schema<{ readonly name: string }> => {
  const name = fieldOf(field, str());
  return { expected: name.expected, read: (v, path) => { const r = name.read(v, path); return r.ok ? { ok: true, value: { name: r.value } } : r; } };
};

/**
 * Lambda's event names carry its API version (`UpdateFunctionConfiguration20150331v2`,
 * `UpdateAlias20150331`, `PutFunctionConcurrency20171031`): matched by prefix. A request may set
 * several settings (memory and timeout): each is read.
 */
const SETTINGS: ReadonlyArray<{ readonly prefix: string; readonly reads: readonly SettingRead[] }> = [
  {
    prefix: 'UpdateFunctionConfiguration',
    reads: [
      { setting: 'MemorySize', names: nameField('functionName'), value: fieldOf('memorySize', int(1)) },
      { setting: 'Timeout', names: nameField('functionName'), value: fieldOf('timeout', int(1)) },
    ],
  },
  { prefix: 'UpdateAlias', reads: [{ setting: 'FunctionVersion', names: nameField('functionName'), value: fieldOf('functionVersion', str()) }] },
  { prefix: 'PutFunctionConcurrency', reads: [{ setting: 'ReservedConcurrentExecutions', names: nameField('functionName'), value: fieldOf('reservedConcurrentExecutions', int()) }] },
  { prefix: 'UpdateService', reads: [{ setting: 'taskDefinition', names: nameField('service'), value: fieldOf('taskDefinition', str()) }] },
];

/** A CloudTrail record as the responder keeps it. */
export interface TrailRecord {
  readonly who: string;
  /** The settings the request set, with the resource it named (`to` only: `from` comes from elsewhere). */
  readonly sets: ReadonlyArray<{ readonly name: string; readonly change: ChangedValue }>;
}

/** The calling principal, shortest first: the role session or user ARN, else the principal id. */
function whoOf(identity: { readonly arn?: string; readonly principalId?: string; readonly type?: string } | undefined, username: string | undefined): string {
  return identity?.arn || username || identity?.principalId || identity?.type || 'unknown';
}

/** The record read from its JSON, or what was wrong with it (the field and the value received). */
export function readTrailRecord(json: string, username?: string): { ok: true; value: TrailRecord } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    return { ok: false, error: `CloudTrailEvent is not JSON: ${(err as Error).message}` };
  }
  const r = recordSchema.read(parsed, 'CloudTrailEvent');
  if (!r.ok) return { ok: false, error: `${r.path} must be ${r.expected}, got ${JSON.stringify(r.received) ?? 'nothing'}` };
  const params = r.value.requestParameters;
  const sets: Array<TrailRecord['sets'][number]> = [];
  for (const { prefix, reads } of SETTINGS) {
    if (!r.value.eventName.startsWith(prefix)) continue;
    for (const read of reads) {
      const name = read.names.read(params, 'requestParameters');
      const value = read.value.read(params, 'requestParameters');
      if (name.ok && value.ok) sets.push({ name: name.value.name, change: { setting: read.setting, to: value.value } });
    }
  }
  return { ok: true, value: { who: whoOf(r.value.userIdentity, username), sets } };
}
