import { StartDeploymentCommand } from '@aws-sdk/client-apprunner';
import { object, str } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { apprunnerClient } from '../../runtime/clients/apprunner';
import { appRunnerServiceArn } from './apprunner-arn';
import { describeRunningService } from './apprunner-service';

export const redeployApprunnerService = defineRemediation({
  id: 'redeploy-apprunner-service',
  targetType: 'appRunner',
  params: object({ serviceArn: str() }),

  async plan(ctx) {
    const serviceArn = appRunnerServiceArn(ctx.target, ctx);
    const base = { remediation: 'redeploy-apprunner-service', resource: serviceArn } as const;
    const lookup = await describeRunningService(ctx, serviceArn);
    if (!lookup.ready) return { ...base, kind: 'no-op', before: lookup.before, reason: lookup.reason };
    return {
      ...base,
      kind: 'change',
      summary: `start a new deployment of App Runner service ${ctx.target.props.name}`,
      before: lookup.before,
      after: { newDeployment: true },
      params: { serviceArn },
    };
  },

  async apply({ serviceArn }, ctx) {
    // Not idempotent: each successful call starts another deployment.
    const { OperationId: operationId } = await awsCall(ctx.calls, 'apprunner', 'StartDeployment', () =>
      apprunnerClient().send(new StartDeploymentCommand({ ServiceArn: serviceArn })),
      { mutating: true, idempotent: false },
    );
    return {
      after: { operationId: operationId ?? null },
      summary: `started App Runner deployment (operation ${operationId ?? 'id not returned'})`,
    };
  },
});
