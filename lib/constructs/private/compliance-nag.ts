import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledgments shared by the HIPAA Security and NIST 800-53 rev 5 cdk-nag packs, which name
 * the same rule (`<pack>-<Rule>`): one reason, both packs.
 */
export function acknowledgeCompliance(scope: IConstruct, rule: 'LambdaInsideVPC' | 'IAMNoInlinePolicy' | 'LambdaDLQ' | 'DynamoDBInBackupPlan', reason: string): void {
  Validations.of(scope).acknowledge({ id: `HIPAA.Security-${rule}`, reason }, { id: `NIST.800.53.R5-${rule}`, reason });
}

/** Why the functions of this app run outside a VPC. */
export const OUTSIDE_VPC =
  'The function calls only AWS service APIs over TLS (CloudWatch, SNS, SQS, DynamoDB, SSM, KMS, CloudWatch Logs and the remediated services) and reaches no resource inside a VPC: ' +
  'a VPC would need a NAT gateway or an interface endpoint per service in every region, and would protect no private path.';

/** Why a role's permissions are in its own inline policy. */
export const OWN_INLINE_POLICY =
  "The role's statements are derived for this role alone (from the catalogue and the configuration) and are created, changed and deleted with it (CDK's default policy): " +
  'nothing else could attach them, and a policy that outgrows the inline quota is split into customer managed policies of the role (responder-policies.ts).';
