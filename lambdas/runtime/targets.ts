/**
 * The caps and targets as the CDK app wrote them into AR_CAPS and AR_TARGETS (lib/catalogue/
 * target-codec.ts), from a configuration it validated with the catalogue's schemas, ranges and
 * patterns included. As for AR_GUARDRAILS, the responder checks their shape only: every field
 * of the type the catalogue gives it, so that what a remediation reads is what it expects, while
 * the catalogue's zod schemas (and zod, about 30 ms of a cold start) stay out of its bundle.
 */
import {
  ALERT_KIND_IDS,
  AUTONOMY_LEVELS,
  SEVERITY_IDS,
  type ConfiguredLevel,
  type LevelSource,
  type TargetAutonomy,
  BACKEND_TYPES,
  REMEDIATION_IDS,
  TARGET_TYPES,
  type AlertKindId,
  type Caps,
  type Target,
  type TargetProps,
  type TargetType,
} from '../../lib/catalogue';
import type { MaintenanceWindow } from '../../lib/catalogue';
import { bool, int, list, object, oneOf, optional, record, text, type Infer, type Read, type Schema } from '../core/params';
import { windowShape } from './maintenance-settings';

const anything: Schema<unknown> = { expected: 'a value', read: (v) => ({ ok: true, value: v }) };

/** Every cap, a positive integer (the configuration's schema bounds each). */
const CAP_FIELDS = {
  maxProvisionedConcurrency: int(1),
  provisionedConcurrencyStep: int(1),
  maxReservedConcurrency: int(1),
  reservedConcurrencyStep: int(1),
  maxMemoryMb: int(1),
  maxTimeoutSeconds: int(1),
  maxDesiredCount: int(1),
  maxAppRunnerMaxSize: int(1),
  appRunnerMaxSizeStep: int(1),
  rollbackWindowMinutes: int(1),
} satisfies { readonly [K in keyof Caps]: Schema<number> };

const capsShape: Schema<Caps> = object(CAP_FIELDS);

/** A target's caps where they differ from the responder's: any of them. */
const capsOverride = object(
  // One optional reader per cap: the mapped type is what this builds.
  Object.fromEntries(Object.entries(CAP_FIELDS).map(([k, v]) => [k, optional(v)])) as { readonly [K in keyof Caps]: Schema<number | undefined> },
);

const backendRefs = list(object({ type: oneOf(...BACKEND_TYPES), key: text() }), 'a list of backend references');

/** Each target type's props, field by field as the catalogue types them. */
const TARGET_PROPS = {
  lambda: object({ name: text(), alias: optional(text()), logGroupName: optional(text()) }),
  dynamodb: object({ name: text() }),
  ecs: object({ cluster: text(), service: text(), containerInsights: bool() }),
  appRunner: object({ name: text(), serviceId: text(), autoScalingConfiguration: optional(text()) }),
  rds: object({ instanceId: text(), maxConnections: int(1) }),
  elastiCache: object({ clusterId: text() }),
  cloudFront: object({ distributionId: text() }),
  apiGateway: object({ name: text(), stage: optional(text()), backends: backendRefs }),
  healthCheck: object({ url: text(), backends: backendRefs }),
  logGroup: object({
    logGroupName: text(),
    alert: text(),
    filterPattern: optional(text()),
    sourceIpField: text(),
    wafIpSet: optional(
      // allowCidrs were checked as CIDR ranges with the configuration; never-block.ts parses each again before it matches.
      object({ name: text(), id: text(), scope: oneOf('REGIONAL', 'CLOUDFRONT'), allowCidrs: optional(list(text(), 'a list of CIDR ranges')) }),
    ),
  }),
  customMetric: object({
    alert: text(),
    namespace: text(),
    metricName: text(),
    dimensions: record(text(), 'an object of strings'),
    statistic: optional(text()),
    backends: backendRefs,
  }),
  bedrock: object({ modelId: optional(text()) }),
  snsTopic: object({ name: text() }),
  billing: object({ currency: text(), billingAlerts: bool() }),
} satisfies { readonly [T in TargetType]: Schema<TargetProps<T>> };

// A field added to a target type in the catalogue and not read above fails to compile here.
type Unread = { [T in TargetType]: Exclude<keyof TargetProps<T>, keyof Infer<(typeof TARGET_PROPS)[T]>> }[TargetType];
const everyFieldRead: [Unread] extends [never] ? true : Unread = true;
void everyFieldRead;

const LEVEL_SOURCES: readonly LevelSource[] = ['resource', 'system', 'deployment', 'guarded'];
const levelOf = oneOf(...AUTONOMY_LEVELS);
const sourceOf = oneOf(...LEVEL_SOURCES);

/** A configured level as the codec writes it: `[level, where]`. */
const levelTuple: Schema<ConfiguredLevel> = {
  expected: `a pair [${levelOf.expected}, ${sourceOf.expected}]`,
  read(v, path) {
    if (!Array.isArray(v) || v.length !== 2) return { ok: false, path, expected: this.expected, received: v };
    const level = levelOf.read(v[0], `${path}[0]`);
    if (!level.ok) return level;
    const from = sourceOf.read(v[1], `${path}[1]`);
    return from.ok ? { ok: true, value: { level: level.value, from: from.value } } : from;
  },
};

/** Levels keyed by remediation or severity: every key one of `keys`. */
function levels<K extends string>(keys: readonly K[], what: string): Schema<Partial<Record<K, ConfiguredLevel>>> {
  const each = record(levelTuple, `an object of ${what} to [level, where]`);
  return {
    expected: each.expected,
    read(v, path) {
      const read = each.read(v, path);
      if (!read.ok) return read;
      const unknown = Object.keys(read.value).find((k) => !(keys as readonly string[]).includes(k));
      if (unknown !== undefined) return { ok: false, path: `${path}.${unknown}`, expected: `one of ${keys.join(', ')}`, received: unknown };
      // Every key was checked against `keys` just above.
      return { ok: true, value: read.value as Partial<Record<K, ConfiguredLevel>> };
    },
  };
}

/** The levels of a target or of a responder's system, as `encodeAutonomy` wrote them. */
export const remediationLevels = levels(REMEDIATION_IDS, 'remediations');
export const severityCaps = levels(SEVERITY_IDS, 'severities');

const encodedTarget = object({
  t: oneOf(...TARGET_TYPES),
  k: text(),
  p: record(anything, 'an object'),
  c: optional(capsOverride),
  g: optional(list(oneOf(...REMEDIATION_IDS))),
  b: optional(list(text())),
  a: optional(list(oneOf(...ALERT_KIND_IDS), 'a list of alert kinds')),
  m: optional(list(windowShape, 'a list of maintenance windows')),
  l: optional(remediationLevels),
  s: optional(severityCaps),
});

export function autonomyOf(e: { readonly l?: TargetAutonomy['remediations']; readonly s?: TargetAutonomy['severities'] }): { autonomy?: TargetAutonomy } {
  if (!e.l && !e.s) return {};
  return { autonomy: { ...(e.l ? { remediations: e.l } : {}), ...(e.s ? { severities: e.s } : {}) } };
}

/** The caps in AR_CAPS, or the problem with them. */
export function readCaps(json: unknown): Read<Caps> {
  return capsShape.read(json, 'AR_CAPS');
}

/** Whole values only: `{ ...base, ...override }` must not put `undefined` over a cap. */
function defined(caps: Infer<typeof capsOverride> | undefined): Partial<Caps> {
  return Object.fromEntries(Object.entries(caps ?? {}).filter(([, v]) => v !== undefined));
}

/** A target as the catalogue types it: the props were read by their type's own shape. */
function targetOf(type: TargetType, props: unknown, path: string, common: Omit<Target, 'type' | 'props' | 'backends'>): Read<Target> {
  const read = TARGET_PROPS[type].read(props, path);
  // TARGET_PROPS[type] reads TargetProps<type>; the compiler cannot tie a key to its union member.
  return read.ok ? { ok: true, value: { ...common, type, props: read.value } as Target } : read;
}

/** What AR_TARGETS tells a responder: its targets, and the alert kinds planned on each. */
export interface ResponderTargets {
  /** By key, backends resolved. */
  readonly targets: ReadonlyMap<string, Target>;
  /** By target key; a target with no alarm planned on it has an empty set. */
  readonly planned: ReadonlyMap<string, ReadonlySet<AlertKindId>>;
  /** Each target's own maintenance windows, by key: only targets that have some. */
  readonly windows: ReadonlyMap<string, readonly MaintenanceWindow[]>;
}

/** The targets in AR_TARGETS by key, backends resolved, with the kinds planned on each; or the first problem with them. */
export function readTargets(json: unknown, baseCaps: Caps, system: string): Read<ResponderTargets> {
  const entries = list(encodedTarget, 'a list of targets').read(json, 'AR_TARGETS');
  if (!entries.ok) return entries;
  const plain = new Map<string, Target>();
  for (const [i, e] of entries.value.entries()) {
    const common = { key: e.k, system, caps: { ...baseCaps, ...defined(e.c) }, guarded: e.g ?? [], ...autonomyOf(e) };
    const target = targetOf(e.t, e.p, `AR_TARGETS[${i}].p`, common);
    if (!target.ok) return target;
    plain.set(e.k, target.value);
  }
  const resolved = new Map<string, Target>();
  for (const [i, e] of entries.value.entries()) {
    const base = plain.get(e.k);
    if (!base) continue;
    const backends: Target[] = [];
    for (const key of e.b ?? []) {
      const backend = plain.get(key);
      if (!backend) return { ok: false, path: `AR_TARGETS[${i}].b`, expected: 'keys of targets in AR_TARGETS', received: key };
      backends.push(backend);
    }
    resolved.set(e.k, backends.length > 0 ? { ...base, backends } : base);
  }
  const planned = new Map(entries.value.map((e) => [e.k, new Set(e.a ?? [])] as const));
  const windows = new Map(entries.value.flatMap((e) => (e.m && e.m.length > 0 ? [[e.k, e.m] as const] : [])));
  return { ok: true, value: { targets: resolved, planned, windows } };
}
