/**
 * Severity levels and where each is routed (telehealth-crm.md, "SNS Topics" and "Escalation Matrix").
 */
export const SEVERITIES = {
  P0: { label: 'critical', topicSuffix: 'critical-alerts', responseMinutes: 5 },
  P1: { label: 'high', topicSuffix: 'high-alerts', responseMinutes: 15 },
  P2: { label: 'medium', topicSuffix: 'medium-alerts', responseMinutes: 60 },
} as const;

export type Severity = keyof typeof SEVERITIES;

export const SEVERITY_IDS = Object.keys(SEVERITIES) as Severity[];

/** The topic suffix for people (not for responders). */
export const ESCALATION_TOPIC_SUFFIX = 'escalations';

/**
 * Topic name of a severity for a deployment prefix, e.g. `telehealth-critical-alerts`. A
 * deployment with more responders than one topic can filter for has more shards of the severity
 * topics; shard 1 keeps the plain name, shard n ends in `-<n>` (`telehealth-critical-alerts-2`).
 */
export function severityTopicName(prefix: string, severity: Severity, shard = 1): string {
  return `${prefix}-${SEVERITIES[severity].topicSuffix}${shard === 1 ? '' : `-${shard}`}`;
}

export function escalationTopicName(prefix: string): string {
  return `${prefix}-${ESCALATION_TOPIC_SUFFIX}`;
}

/**
 * The export of a severity topic's ARN, in the topic's region: alarms import it, so CloudFormation
 * keeps the topic while any alarm notifies it.
 */
export function severityTopicExportName(prefix: string, severity: Severity, shard = 1): string {
  return `${severityTopicName(prefix, severity, shard)}-arn`;
}
