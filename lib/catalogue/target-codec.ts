import * as z from 'zod';
import { ALERT_KIND_IDS, type AlertKindId } from './alert-kinds';
import { AUTONOMY_LEVELS, type ConfiguredLevel, type TargetAutonomy } from './autonomy';
import { capsSchema, type Caps } from './caps';
import type { MaintenanceWindow } from './maintenance';
import { REMEDIATION_IDS } from './remediations';
import { SEVERITY_IDS, type Severity } from './severity';
import { parseTarget, type Target } from './target';
import { TARGET_TYPES } from './target-types';

/**
 * Responders learn their targets from an environment variable (Lambda allows 4 KB in all), so the
 * encoding is compact: caps appear only where they differ from the responder's base caps, and
 * backends by key. Each target also carries the alert kinds the deployment planned an alarm of on
 * it (`a`): a responder acts only on an alarm it was deployed for, so a direct invocation naming
 * a kind the configuration disabled (which SNS's filter would have dropped) changes nothing. A
 * target's own maintenance windows (`m`) travel with it, so they follow it into the targets file
 * when the targets outgrow the environment.
 */
/** A resource's own maintenance window, as the configuration validated it (lib/config/maintenance-schema.ts). */
const windowSchema = z
  .object({ name: z.string(), cron: z.string().optional(), start: z.string().optional(), durationMinutes: z.number().int().positive(), timeZone: z.string() })
  .strict();
/** A configured level as `[level, where]`: the environment is 4 KB. */
const levelTuple = z.tuple([z.enum(AUTONOMY_LEVELS), z.enum(['resource', 'system', 'deployment', 'guarded'])]);
type LevelTuple = z.infer<typeof levelTuple>;

const tuples = <K extends string>(levels: Readonly<Partial<Record<K, ConfiguredLevel>>> | undefined): Partial<Record<K, LevelTuple>> | undefined =>
  levels && (Object.fromEntries(Object.entries<ConfiguredLevel | undefined>(levels).flatMap(([k, v]) => (v ? [[k, [v.level, v.from]]] : []))) as Partial<Record<K, LevelTuple>>);

const levelsOf = <K extends string>(encoded: Partial<Record<K, LevelTuple>> | undefined): Partial<Record<K, ConfiguredLevel>> | undefined =>
  encoded && (Object.fromEntries(Object.entries<LevelTuple | undefined>(encoded).flatMap(([k, v]) => (v ? [[k, { level: v[0], from: v[1] }]] : []))) as Partial<Record<K, ConfiguredLevel>>);

/** Levels as the environment carries them (`l`: by remediation, `s`: by severity), for a target or a responder's system. */
export function encodeAutonomy(autonomy: TargetAutonomy | undefined): { l?: Partial<Record<string, LevelTuple>>; s?: Partial<Record<string, LevelTuple>> } {
  return { l: tuples(autonomy?.remediations), s: tuples(autonomy?.severities) };
}

/** The autonomy of a decoded target, absent where none was encoded. */
function autonomyOf(e: { l?: Partial<Record<string, LevelTuple>>; s?: Partial<Record<string, LevelTuple>> }): { autonomy?: TargetAutonomy } {
  if (!e.l && !e.s) return {};
  return { autonomy: { ...(e.l ? { remediations: levelsOf(e.l) } : {}), ...(e.s ? { severities: levelsOf(e.s) } : {}) } };
}

const encodedSchema = z.array(
  z
    .object({
      t: z.enum(TARGET_TYPES),
      k: z.string().min(1),
      p: z.record(z.string(), z.unknown()),
      c: capsSchema.partial().optional(),
      g: z.array(z.enum(REMEDIATION_IDS)).optional(),
      b: z.array(z.string()).optional(),
      a: z.array(z.enum(ALERT_KIND_IDS as [AlertKindId, ...AlertKindId[]])).optional(),
      m: z.array(windowSchema).optional(),
      l: z.partialRecord(z.enum(REMEDIATION_IDS), levelTuple).optional(),
      s: z.partialRecord(z.enum(SEVERITY_IDS as [Severity, ...Severity[]]), levelTuple).optional(),
    })
    .strict(),
);

function capsDiff(caps: Caps, base: Caps): Partial<Caps> | undefined {
  const diff: Partial<Caps> = {};
  for (const key of Object.keys(caps) as (keyof Caps)[]) if (caps[key] !== base[key]) diff[key] = caps[key];
  return Object.keys(diff).length > 0 ? diff : undefined;
}

/** The alert kinds planned on each target (by key): the alarms a responder was deployed for. */
export type PlannedKinds = ReadonlyMap<string, readonly AlertKindId[]>;

/** Each target's own maintenance windows, by key. */
export type TargetWindows = ReadonlyMap<string, readonly MaintenanceWindow[]>;

export function encodeTargets(targets: readonly Target[], baseCaps: Caps, planned: PlannedKinds = new Map(), windows: TargetWindows = new Map()): string {
  const seen = new Set<string>();
  const flat: Target[] = [];
  const visit = (t: Target) => {
    if (seen.has(t.key)) return;
    seen.add(t.key);
    flat.push(t);
    t.backends?.forEach(visit);
  };
  targets.forEach(visit);
  return JSON.stringify(
    flat.map((t) => ({
      t: t.type,
      k: t.key,
      p: t.props,
      c: capsDiff(t.caps, baseCaps),
      g: t.guarded.length > 0 ? t.guarded : undefined,
      b: t.backends && t.backends.length > 0 ? t.backends.map((b) => b.key) : undefined,
      a: planned.get(t.key)?.length ? planned.get(t.key) : undefined,
      m: windows.get(t.key)?.length ? windows.get(t.key) : undefined,
      ...encodeAutonomy(t.autonomy),
    })),
  );
}

/** Decodes and validates what `encodeTargets` wrote; throws with the offending path. */
export function decodeTargets(json: string, baseCaps: Caps, system: string): Map<string, Target> {
  return decodeResponderTargets(json, baseCaps, system).targets;
}

/** The targets and the alert kinds planned on each (a target with none planned has an empty set). */
export function decodeResponderTargets(json: string, baseCaps: Caps, system: string): { targets: Map<string, Target>; planned: Map<string, ReadonlySet<AlertKindId>> } {
  const entries = encodedSchema.parse(JSON.parse(json));
  const plain = new Map<string, Target>();
  for (const e of entries) {
    plain.set(e.k, parseTarget(e.t, e.p, { key: e.k, system, caps: { ...baseCaps, ...e.c }, guarded: e.g ?? [], ...autonomyOf(e) }));
  }
  const resolved = new Map<string, Target>();
  for (const [k, base] of plain) {
    const e = entries.find((entry) => entry.k === k);
    const backends = (e?.b ?? []).map((backend) => {
      const b = plain.get(backend);
      if (!b) throw new Error(`target "${k}" names backend "${backend}", which is not among the targets`);
      return b;
    });
    resolved.set(k, backends.length > 0 ? { ...base, backends } : base);
  }
  return { targets: resolved, planned: new Map(entries.map((e) => [e.k, new Set(e.a ?? [])])) };
}
