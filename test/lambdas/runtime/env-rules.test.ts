import { json, nonEmpty, optional, readEnv, snsTopicArn, tableName } from '../../../lambdas/runtime/env-rules';
import { SettingsError } from '../../../lambdas/runtime/settings-error';

const RULES = { AR_LOG_GROUP: nonEmpty, AR_TOPIC: snsTopicArn, AR_TABLE: tableName, AR_EXTRA: optional(json) } as const;
const GOOD = { AR_LOG_GROUP: '/ar/remediations', AR_TOPIC: 'arn:aws:sns:us-east-1:123456789012:ar-escalations', AR_TABLE: 'ar-state' };

describe('readEnv', () => {
  it('reads each variable, an absent optional one as undefined', () => {
    expect(readEnv(RULES, GOOD, 'Test')).toEqual({ ...GOOD, AR_EXTRA: undefined });
    expect(readEnv(RULES, { ...GOOD, AR_EXTRA: '{}' }, 'Test').AR_EXTRA).toBe('{}');
  });

  it('fails naming every problem at once, with what each must be and the value received', () => {
    const read = () => readEnv(RULES, { AR_TOPIC: 'arn:aws:sqs:us-east-1:123456789012:q', AR_TABLE: 'a b', AR_EXTRA: '' }, 'Test');
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(
      'Test environment is invalid: AR_LOG_GROUP: missing, expected a non-empty string; ' +
        'AR_TOPIC: expected an SNS topic ARN, got "arn:aws:sqs:us-east-1:123456789012:q"; ' +
        'AR_TABLE: expected a DynamoDB table name, got "a b"; AR_EXTRA: expected JSON, got ""',
    );
  });
});
