import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { recordKeyAlias } from '../catalogue';
import { flattenForNag } from './private/responder-nag';
import { responderRolePath, rolesUnder, verifierRolePath } from './private/role-paths';

export interface RecordKeyProps {
  /** The deployment prefix: the key's alias is `alias/<prefix>-alert-responder-records`. */
  readonly prefix: string;
  /** The log group the signed records are written to: the verify-records policy reads it. */
  readonly remediationLog: logs.ILogGroup;
}

/**
 * The HMAC key that signs every record (KMS GenerateMac, HMAC_SHA_256), so a record planted in the
 * remediation log by any other principal is told apart (`npm run verify-records`). Its key policy
 * denies GenerateMac to every principal but the roles under the responders' and the verifier's
 * IAM paths, whatever their IAM policies say; anyone the account allows may verify (VerifyMac
 * reveals nothing). `verifyRecordsPolicy` grants what verify-records needs: attach it to the role
 * of whoever audits the records.
 *
 * HMAC keys cannot rotate automatically ("Automatic key rotation is supported only on symmetric
 * encryption KMS keys": KMS API Reference, EnableKeyRotation); it is retained, as the records are.
 */
export class RecordKey extends Construct {
  readonly key: kms.Key;
  /** `<prefix>-verify-records`: kms:VerifyMac on the key and logs:FilterLogEvents on the remediation log. */
  readonly verifyRecordsPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: RecordKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `alert-responder ${props.prefix}: signs the remediation records (HMAC); only the responders and the verifier may sign`,
      alias: recordKeyAlias(props.prefix),
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheRespondersAndTheVerifierSign',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:GenerateMac'],
        resources: ['*'],
        // A request without aws:PrincipalArn (no IAM principal) matches ArnNotLike too: denied.
        conditions: { ArnNotLike: { 'aws:PrincipalArn': [rolesUnder(stack, responderRolePath(props.prefix)), rolesUnder(stack, verifierRolePath(props.prefix))] } },
      }),
    );
    this.verifyRecordsPolicy = new iam.ManagedPolicy(this, 'VerifyRecordsPolicy', {
      managedPolicyName: `${props.prefix}-verify-records`,
      description: `alert-responder ${props.prefix}: what npm run verify-records needs (read the remediation log, verify each record's MAC)`,
      statements: [
        new iam.PolicyStatement({ actions: ['kms:VerifyMac'], resources: [this.key.keyArn] }),
        new iam.PolicyStatement({ actions: ['logs:FilterLogEvents'], resources: [props.remediationLog.logGroupArn] }),
      ],
    });
    Validations.of(this.verifyRecordsPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenForNag(stack.resolve(props.remediationLog.logGroupArn))}]`,
      reason: 'logs:FilterLogEvents on the remediation log group only: its ARN ends in ":*" as CloudWatch Logs writes log group ARNs; no other group.',
    });
  }
}
