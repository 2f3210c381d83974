import { appRunnerServiceArn } from '../../../../lambdas/remediations/appRunner/apprunner-arn';
import { APP_RUNNER_SERVICE_ARN, APP_RUNNER_SERVICE_ID, appRunnerTarget, serviceContext } from '../service-fixtures';

describe('appRunnerServiceArn', () => {
  it("builds the service ARN from the alarm's region and account", () => {
    const ctx = serviceContext(appRunnerTarget(), 'api-down');
    expect(appRunnerServiceArn(ctx.target, ctx)).toBe(APP_RUNNER_SERVICE_ARN);
  });

  it("takes the account and partition from the alarm ARN when the account is not given", () => {
    const ctx = serviceContext(appRunnerTarget(), 'api-down');
    const cn = { ...ctx, account: undefined, region: 'cn-north-1', alarm: { ...ctx.alarm, arn: 'arn:aws-cn:cloudwatch:cn-north-1:210987654321:alarm:x' } };
    expect(appRunnerServiceArn(ctx.target, cn)).toBe(
      `arn:aws-cn:apprunner:cn-north-1:210987654321:service/telehealth-crm-api/${APP_RUNNER_SERVICE_ID}`,
    );
  });

  it('fails when the alarm carries no account at all', () => {
    const ctx = serviceContext(appRunnerTarget(), 'api-down');
    expect(() => appRunnerServiceArn(ctx.target, { ...ctx, account: undefined, alarm: { ...ctx.alarm, arn: undefined } })).toThrow(
      expect.objectContaining({ name: 'MissingAccountError' }),
    );
  });
});
