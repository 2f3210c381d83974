import { SettingsError } from './settings';

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** The region of an SNS topic ARN, or undefined when it is no topic ARN. */
export function topicRegion(arn: string): string | undefined {
  return TOPIC_ARN.exec(arn)?.[1];
}

/**
 * AR_CENTRAL_ESCALATION_TOPIC_ARN: in a multi-account deployment, the operations account's topic
 * that every escalation also reaches; absent in a single-account one. Malformed is a deployment fault.
 */
export function readCentralEscalationTopicArn(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.AR_CENTRAL_ESCALATION_TOPIC_ARN;
  if (value === undefined || value === '') return undefined;
  if (topicRegion(value) === undefined) throw new SettingsError(`AR_CENTRAL_ESCALATION_TOPIC_ARN must be an SNS topic ARN, got ${JSON.stringify(value)}`);
  return value;
}
