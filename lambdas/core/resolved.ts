import type { AlertKind, RemediationId, Target } from '../../lib/catalogue';

/** An alarm tied to its catalogue entry, its resource and the remediations to try, in order. */
export interface ResolvedAlarm {
  readonly kind: AlertKind;
  readonly target: Target;
  readonly candidates: readonly RemediationId[];
}
