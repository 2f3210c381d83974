import type { Target } from '../../../lib/catalogue';
import type { Incident } from '../../core/alarm';

/** The alarm has no account to build the ARN with: the notification was parsed without one. */
export class MissingAccountError extends Error {
  constructor(alarmName: string) {
    super(`alarm ${alarmName} carries no account id (neither account nor a parsable arn); cannot build the App Runner service ARN`);
    this.name = 'MissingAccountError';
  }
}

const ARN = /^arn:([^:]+):[^:]*:[^:]*:(\d{12}):/;

/**
 * App Runner addresses services by ARN only; the configuration holds the name and id, and the
 * alarm's own ARN supplies the account (and the partition, outside the aws partition).
 */
export function appRunnerServiceArn(target: Target<'appRunner'>, incident: Incident): string {
  const { alarm } = incident;
  const fromArn = alarm.arn ? ARN.exec(alarm.arn) : null;
  const account = incident.account ?? fromArn?.[2];
  if (!account) throw new MissingAccountError(alarm.name);
  const partition = fromArn?.[1] ?? 'aws';
  return `arn:${partition}:apprunner:${incident.region}:${account}:service/${target.props.name}/${target.props.serviceId}`;
}
