
// One naming rule, in the catalogue, so loop protection in the responders recognises these names.
export { MAX_FUNCTION_NAME_LENGTH, responderFunctionName } from '../../catalogue';

/** What a system's self-monitoring alarms watch, across its responders. */
export type SelfAlarmKind = 'errors' | 'throttles' | 'dlq' | 'delivery-dlq' | 'lost-records' | 'kill-switch-unreadable' | 'unsigned-records';

/**
 * `<prefix>-<system>-responder-<what>`. `responder` is no alert kind id, so these names never
 * match a responder's `<prefix>-<system>-<kind>-` filter prefix: a failing responder is not asked
 * to handle its own alarm.
 */
export function selfAlarmName(prefix: string, system: string, what: SelfAlarmKind): string {
  return `${prefix}-${system}-responder-${what}`;
}
