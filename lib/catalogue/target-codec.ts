import * as z from 'zod';
import { capsSchema, type Caps } from './caps';
import { REMEDIATION_IDS } from './remediations';
import { parseTarget, type Target } from './target';
import { TARGET_TYPES } from './target-types';

/**
 * Responders learn their targets from an environment variable (Lambda allows 4 KB in all), so the
 * encoding is compact: caps appear only where they differ from the responder's base caps, and
 * backends by key.
 */
const encodedSchema = z.array(
  z
    .object({
      t: z.enum(TARGET_TYPES),
      k: z.string().min(1),
      p: z.record(z.string(), z.unknown()),
      c: capsSchema.partial().optional(),
      g: z.array(z.enum(REMEDIATION_IDS)).optional(),
      b: z.array(z.string()).optional(),
    })
    .strict(),
);

function capsDiff(caps: Caps, base: Caps): Partial<Caps> | undefined {
  const diff: Partial<Caps> = {};
  for (const key of Object.keys(caps) as (keyof Caps)[]) if (caps[key] !== base[key]) diff[key] = caps[key];
  return Object.keys(diff).length > 0 ? diff : undefined;
}

export function encodeTargets(targets: readonly Target[], baseCaps: Caps): string {
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
    })),
  );
}

/** Decodes and validates what `encodeTargets` wrote; throws with the offending path. */
export function decodeTargets(json: string, baseCaps: Caps, system: string): Map<string, Target> {
  const entries = encodedSchema.parse(JSON.parse(json));
  const plain = new Map<string, Target>();
  for (const e of entries) {
    plain.set(e.k, parseTarget(e.t, e.p, { key: e.k, system, caps: { ...baseCaps, ...e.c }, guarded: e.g ?? [] }));
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
  return resolved;
}
