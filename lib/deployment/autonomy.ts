import { REMEDIATION_IDS, REMEDIATIONS, SEVERITY_IDS, isRemediationId, type ConfiguredLevel, type RemediationId, type ResponderFamily, type Severity, type TargetAutonomy, type TargetType } from '../catalogue';
import type { AutonomyLevels } from '../config/autonomy-schema';
import type { DeploymentConfig, SystemConfig } from '../config/schema';

/** Drops empty parts: absent where nothing is set, so the environment grows only with what a configuration says. */
function compact(remediations: Partial<Record<RemediationId, ConfiguredLevel>>, severities: Partial<Record<Severity, ConfiguredLevel>>): TargetAutonomy | undefined {
  const out = {
    ...(Object.keys(remediations).length > 0 ? { remediations } : {}),
    ...(Object.keys(severities).length > 0 ? { severities } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * What a resource itself sets of the ladder, nearest first: its `autonomy.remediations`, its
 * `guarded` list (an alias of `auto`), its `autonomy.default`, for each remediation acting on
 * its type; and its own severity caps. What it does not set comes from its system's levels
 * (`systemAutonomy`), sent once per responder rather than with every target.
 */
export function targetAutonomy(type: TargetType, raw: { readonly autonomy?: AutonomyLevels; readonly guarded?: readonly string[] }): TargetAutonomy | undefined {
  const guarded = (raw.guarded ?? []).filter(isRemediationId);
  const remediations: Partial<Record<RemediationId, ConfiguredLevel>> = {};
  for (const id of REMEDIATION_IDS) {
    if (REMEDIATIONS[id].acts !== type) continue;
    const named = raw.autonomy?.remediations?.[id];
    if (named !== undefined) remediations[id] = { level: named, from: 'resource' };
    else if (guarded.includes(id)) remediations[id] = { level: 'auto', from: 'guarded' };
    else if (raw.autonomy?.default !== undefined) remediations[id] = { level: raw.autonomy.default, from: 'resource' };
  }
  const severities: Partial<Record<Severity, ConfiguredLevel>> = {};
  for (const s of SEVERITY_IDS) {
    const own = raw.autonomy?.severities?.[s];
    if (own !== undefined) severities[s] = { level: own, from: 'resource' };
  }
  return compact(remediations, severities);
}

/** One configuration level's say on a remediation: its own entry first, then its default. */
const levelAt = (levels: AutonomyLevels | undefined, id: RemediationId) => levels?.remediations?.[id] ?? levels?.default;

/**
 * What a system and the deployment set of the ladder (the system nearer), for the remediations of
 * one responder family (all where none is given), and the system's severity caps: what a
 * resource that sets nothing itself gets.
 */
export function systemAutonomy(config: DeploymentConfig, system: SystemConfig, family?: ResponderFamily): TargetAutonomy | undefined {
  const remediations: Partial<Record<RemediationId, ConfiguredLevel>> = {};
  for (const id of REMEDIATION_IDS) {
    if (family !== undefined && REMEDIATIONS[id].family !== family) continue;
    const own = levelAt(system.autonomy, id);
    const inherited = levelAt(config.autonomy, id);
    if (own !== undefined) remediations[id] = { level: own, from: 'system' };
    else if (inherited !== undefined) remediations[id] = { level: inherited, from: 'deployment' };
  }
  const severities: Partial<Record<Severity, ConfiguredLevel>> = {};
  for (const s of SEVERITY_IDS) {
    const own = system.autonomy?.severities?.[s];
    if (own !== undefined) severities[s] = { level: own, from: 'system' };
  }
  return compact(remediations, severities);
}
