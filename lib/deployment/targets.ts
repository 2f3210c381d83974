import { targetAutonomy } from './autonomy';
import { ALERT_KINDS, DEFAULT_CAPS, isAlertKindId, isRemediationId, parseTarget, type Caps, type Target } from '../catalogue';
import type { DeploymentConfig, SystemConfig } from '../config/schema';
import { systemResources } from '../config/semantics';

const COMMON_FIELDS = new Set(['id', 'caps', 'guarded', 'autonomy', 'alerts', 'maintenance']);

/** A system's base caps: the defaults, then the deployment's, then the system's. */
export function systemCaps(config: DeploymentConfig, system: SystemConfig): Caps {
  return { ...DEFAULT_CAPS, ...config.caps, ...system.caps };
}

/**
 * A system's approvals: the deployment's, then the system's fields over them (nearest wins);
 * undefined where no approver is named, so nothing is proposed there.
 */
export function systemApprovals(config: DeploymentConfig, system: SystemConfig): { readonly approvers: string[]; readonly expiresMinutes: number } | undefined {
  const approvers = system.approvals?.approvers ?? config.approvals?.approvers ?? [];
  if (approvers.length === 0) return undefined;
  return { approvers: [...new Set(approvers)], expiresMinutes: system.approvals?.expiresMinutes ?? config.approvals?.expiresMinutes ?? DEFAULT_APPROVAL_MINUTES };
}

/** How long a proposal waits for a person unless the configuration says otherwise. */
export const DEFAULT_APPROVAL_MINUTES = 30;

/** Resolves a validated system's resources into targets, with caps merged and backends linked. */
export function resolveTargets(config: DeploymentConfig, system: SystemConfig, systemIndex: number): Target[] {
  const base = systemCaps(config, system);
  const plain = new Map<string, Target>();
  for (const r of systemResources(system, systemIndex)) {
    const fields = Object.fromEntries(Object.entries(r.raw).filter(([k]) => !COMMON_FIELDS.has(k)));
    const named = fields.alert;
    // A log group without a pattern uses its alert kind's default pattern.
    if (r.type === 'logGroup' && fields.filterPattern === undefined && typeof named === 'string' && isAlertKindId(named)) {
      fields.filterPattern = ALERT_KINDS[named].defaultFilterPattern;
    }
    const autonomy = targetAutonomy(r.type, r.raw);
    plain.set(
      r.key,
      parseTarget(r.type, fields, {
        key: r.key,
        system: system.id,
        caps: { ...base, ...(r.raw.caps as Partial<Caps> | undefined) },
        // Validated against the guarded remediations already (config/schema.ts).
        guarded: (r.raw.guarded ?? []).filter(isRemediationId),
        ...(autonomy ? { autonomy } : {}),
      }),
    );
  }
  return [...plain.values()].map((t) => {
    const refs = (t.props as { backends?: { key: string }[] }).backends ?? [];
    const backends = refs.flatMap((ref) => plain.get(ref.key) ?? []);
    return backends.length > 0 ? { ...t, backends } : t;
  });
}
