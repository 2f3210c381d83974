import { REMEDIATIONS, isRemediationId, type TargetType } from '../catalogue';
import type { AutonomyLevels } from './autonomy-schema';
import type { DeploymentConfig } from './schema';
import type { ConfiguredResource } from './semantics';

type Add = (path: string, message: string, received?: unknown) => void;

/** Remediation ids that exist and, on a resource, act on its type. */
function checkRemediations(levels: AutonomyLevels['remediations'], path: string, type: TargetType | undefined, add: Add): void {
  for (const id of Object.keys(levels ?? {})) {
    if (!isRemediationId(id)) add(`${path}.${id}`, 'unknown remediation', id);
    else if (type !== undefined && REMEDIATIONS[id].acts !== type) add(`${path}.${id}`, `remediation "${id}" acts on ${REMEDIATIONS[id].acts} resources, not on ${type}`, id);
  }
}

/** The deployment's autonomy: the ids it names; severities are said by guardrails.autonomousSeverities there, not twice. */
export function deploymentAutonomyProblems(config: DeploymentConfig, add: Add): void {
  checkRemediations(config.autonomy.remediations, 'autonomy.remediations', undefined, add);
  if (config.autonomy.severities !== undefined) {
    add(
      'autonomy.severities',
      'is not set at the deployment level: guardrails.autonomousSeverities says which severities act on their own there (the others are capped at propose); set "severities" on a system or a resource to change it there',
      config.autonomy.severities,
    );
  }
}

export function systemAutonomyProblems(levels: AutonomyLevels | undefined, path: string, add: Add): void {
  checkRemediations(levels?.remediations, `${path}.autonomy.remediations`, undefined, add);
}

/**
 * A resource's autonomy: ids acting on its type; and `guarded` (an alias of `auto`) never
 * contradicting its own `autonomy.remediations`, which would leave the level to a rule of precedence.
 */
export function resourceAutonomyProblems(r: ConfiguredResource, add: Add): void {
  const levels = r.raw.autonomy;
  checkRemediations(levels?.remediations, `${r.path}.autonomy.remediations`, r.type, add);
  for (const id of r.raw.guarded ?? []) {
    const level = levels?.remediations?.[id];
    if (level !== undefined && level !== 'auto') {
      add(`${r.path}.autonomy.remediations.${id}`, `contradicts "guarded", which enables "${id}" (level auto) on this resource: keep one of them`, level);
    }
  }
}
