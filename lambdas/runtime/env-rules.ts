/**
 * The environment a function was deployed with, checked variable by variable without zod (which
 * stays out of the Lambda bundles): every problem is named at once, with the value received.
 */
import { SettingsError } from './settings-error';

/** A test of one variable's value, and what it must be; `optional` ones may be absent. */
export interface EnvRule {
  readonly test: (value: string) => boolean;
  readonly expected: string;
  readonly optional?: true;
}

export const nonEmpty: EnvRule = { test: (v) => v.length >= 1, expected: 'a non-empty string' };
export const json: EnvRule = { test: (v) => v.length >= 2, expected: 'JSON' };
export const absolutePath: EnvRule = { test: (v) => v.startsWith('/'), expected: 'an absolute path starting with "/"' };
export const snsTopicArn: EnvRule = { test: (v) => /^arn:aws[a-z-]*:sns:/.test(v), expected: 'an SNS topic ARN' };
export const iamRoleArn: EnvRule = { test: (v) => /^arn:aws[a-z-]*:iam::\d{12}:role\/./.test(v), expected: 'an IAM role ARN' };
export const tableName: EnvRule = { test: (v) => /^[A-Za-z0-9_.-]{3,255}$/.test(v), expected: 'a DynamoDB table name' };

/** The same rule, for a variable that may be absent. */
export const optional = (rule: EnvRule): EnvRule & { readonly optional: true } => ({ ...rule, optional: true });

/** The variables of `rules`, typed: absent only where the rule is optional. */
export type EnvOf<R extends Readonly<Record<string, EnvRule>>> = {
  readonly [K in keyof R]: R[K] extends { readonly optional: true } ? string | undefined : string;
};

/** The variables `rules` names, each checked; a SettingsError names every problem (`who` says whose environment). */
export function readEnv<R extends Readonly<Record<string, EnvRule>>>(rules: R, env: NodeJS.ProcessEnv, who: string): EnvOf<R> {
  const problems: string[] = [];
  const out: Record<string, string | undefined> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const value = env[name];
    if (value === undefined) {
      if (!rule.optional) problems.push(`${name}: missing, expected ${rule.expected}`);
    } else if (!rule.test(value)) {
      problems.push(`${name}: expected ${rule.expected}, got ${JSON.stringify(value)}`);
    }
    out[name] = value;
  }
  if (problems.length > 0) throw new SettingsError(`${who} environment is invalid: ${problems.join('; ')}`);
  // Each required variable was checked present above, each optional one may be absent: the mapped type holds.
  return out as EnvOf<R>;
}
