import { appRunnerServiceArn } from '../../../lambdas/remediations/apprunner-arn';
import { APP_RUNNER_SERVICE_ARN, APP_RUNNER_SERVICE_ID, appRunnerTarget, serviceContext } from './service-fixtures';

describe('appRunnerServiceArn', () => {
  it("builds the service ARN from the alarm's region and account", () => {
    const { target, alarm } = serviceContext(appRunnerTarget(), 'api-down');
    expect(appRunnerServiceArn(target, alarm)).toBe(APP_RUNNER_SERVICE_ARN);
  });

  it("takes the account and partition from the alarm ARN when the account is not given", () => {
    const { target, alarm } = serviceContext(appRunnerTarget(), 'api-down');
    const cnAlarm = { ...alarm, account: undefined, region: 'cn-north-1', arn: 'arn:aws-cn:cloudwatch:cn-north-1:210987654321:alarm:x' };
    expect(appRunnerServiceArn(target, cnAlarm)).toBe(
      `arn:aws-cn:apprunner:cn-north-1:210987654321:service/telehealth-crm-api/${APP_RUNNER_SERVICE_ID}`,
    );
  });

  it('fails when the alarm carries no account at all', () => {
    const { target, alarm } = serviceContext(appRunnerTarget(), 'api-down');
    expect(() => appRunnerServiceArn(target, { ...alarm, account: undefined, arn: undefined })).toThrow(
      expect.objectContaining({ name: 'MissingAccountError' }),
    );
  });
});
