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

/**
 * Counted once per record written unsigned because KMS GenerateMac failed (the record is written
 * anyway, `integrity.unsigned` saying why); an alarm on it tells people that records of that time
 * cannot be verified. Dimension: `service` (the responder, or the verifier).
 */
export const UNSIGNED_RECORDS_METRIC = 'UnsignedRecords';
