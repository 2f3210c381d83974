import { GetAliasCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import type { ContextProbe } from '../../core/context';
import { lambdaClient } from '../../runtime/clients/lambda';

/**
 * What Lambda's own read-only APIs tell before acting (issue 14): the function's tags (the owning
 * stack; ListTags takes the function's ARN), and a traffic shift in progress on the alias, as
 * CodeDeploy's canary and linear deployments make it (AdditionalVersionWeights,
 * https://docs.aws.amazon.com/lambda/latest/api/API_AliasRoutingConfiguration.html).
 */
export const contextProbe: ContextProbe = {
  lambda: {
    async tags({ props: { name } }, where, budget) {
      const arn = `arn:aws:lambda:${where.region}:${where.account}:function:${name}`;
      const out = await budget.read({ service: 'lambda', operation: 'ListTags', key: `lambda:ListTags:${arn}` }, (abortSignal) =>
        lambdaClient().send(new ListTagsCommand({ Resource: arn }), { abortSignal }),
      );
      return new Map(Object.entries(out.Tags ?? {}));
    },
    async rollout({ key, props: { name, alias } }, budget) {
      if (alias === undefined) return undefined;
      const out = await budget.read({ service: 'lambda', operation: 'GetAlias', key: `lambda:GetAlias:${name}:${alias}` }, (abortSignal) =>
        lambdaClient().send(new GetAliasCommand({ FunctionName: name, Name: alias }), { abortSignal }),
      );
      const weights = Object.entries(out.RoutingConfig?.AdditionalVersionWeights ?? {});
      if (weights.length === 0) return undefined;
      const shares = weights.map(([version, weight]) => `${Math.round(weight * 100)}% to version ${version}`).join(', ');
      return { resource: key, kind: 'alias-shift', what: `alias ${name}:${alias} shifting traffic from version ${out.FunctionVersion ?? '?'} (${shares})` };
    },
  },
};
