import { CfnOutput } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The entry through which people approve or reject a responder's proposals: a function URL with
 * AWS_IAM auth, so every request is SigV4-signed and Lambda names the caller in the event
 * (`requestContext.authorizer.iam.userArn`). The approval runs in the responder itself, with its
 * remediations, guards and settings.
 *
 * The resource-based policy names each approver role: `lambda:InvokeFunctionUrl` on the
 * condition `lambda:FunctionUrlAuthType = AWS_IAM`, and `lambda:InvokeFunction` on the condition
 * `lambda:InvokedViaFunctionUrl = true` (new function URLs need both since October 2025;
 * aws-cdk-lib's grantInvokeUrl writes both). A principal of the same account may also be allowed
 * by its own identity policy (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html), so
 * the handler checks the caller against the approvers too (lambdas/pipeline/approval-event.ts).
 */
export function approvalUrl(fn: lambda.IFunction, approvers: readonly string[]): lambda.FunctionUrl {
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  for (const arn of approvers) url.grantInvokeUrl(new iam.ArnPrincipal(arn));
  // For `npm run approve -- <id> --url URL`; without it, the CLI asks Lambda for the URL.
  new CfnOutput(url, 'ApprovalUrl', { value: url.url, description: `Approvals of ${fn.node.path}: npm run approve -- <id> --url <this>` });
  return url;
}
