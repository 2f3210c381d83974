/**
 * Metrics the responders publish about themselves (Powertools metrics, EMF), named once here so
 * that the alarms on them (lib) and the code that counts them (lambdas) cannot drift apart.
 */

/** The namespace of every metric the responders and the verifier publish (POWERTOOLS_METRICS_NAMESPACE). */
export const RESPONDER_METRICS_NAMESPACE = 'AlertResponder';

/**
 * Counted once per invocation whose kill switch (`/<prefix>/mode`) could not be read or held no
 * known mode: the invocation then runs as `off` (refuses every change, escalates), and an alarm
 * on this metric tells people the switch is broken. Dimension: `service` (the responder).
 */
export const KILL_SWITCH_UNREADABLE_METRIC = 'KillSwitchUnreadable';
