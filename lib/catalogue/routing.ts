import type { AlertKind } from './alert-kinds';
import { ESCALATION, REMEDIATIONS, type RemediationId, type ResponderFamily } from './remediations';
import type { Signal } from './signals';
import type { Target } from './target';
import type { BackendType, TargetType } from './target-types';

/**
 * The remediation candidates for an alarm of `kind` on a target of `type`, given the types of the
 * target's backends (APIs, health checks and custom metrics act on what serves them). Empty: no
 * remediation, the alert escalates (escalation is always the last resort).
 */
export function remediationCandidates(
  kind: AlertKind,
  type: TargetType,
  backendTypes: readonly BackendType[] = [],
): readonly RemediationId[] {
  const signal = kind.signals[type] as Signal<unknown> | undefined;
  if (!signal) return [];
  const byBackend = signal.backendRemediation;
  if (byBackend && backendTypes.length > 0) {
    const distinct = [...new Set(backendTypes)];
    const chosen = distinct.map((b) => byBackend[b] ?? []);
    // Backends of mixed families cannot be acted on by one least-privilege responder: escalate.
    // A backend that only escalates counts as the escalation family.
    const families = new Set(chosen.map(responderFamily));
    if (families.size !== 1) return [];
    return [...new Set(chosen.flat())];
  }
  return signal.remediation;
}

/** The responder family that handles an alarm: the family of its remediation candidates. */
export function responderFamily(candidates: readonly RemediationId[]): ResponderFamily {
  const [first] = candidates;
  return first ? REMEDIATIONS[first].family : ESCALATION.family;
}

/** The resources a remediation changes for an alarm on `target`: the target itself, or its backends. */
export function actsOnTargets(remediation: RemediationId, target: Target): readonly Target[] {
  const acts = REMEDIATIONS[remediation].acts;
  if (acts === target.type) return [target];
  return (target.backends ?? []).filter((b) => b.type === acts);
}
