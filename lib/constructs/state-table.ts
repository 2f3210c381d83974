import { RemovalPolicy } from 'aws-cdk-lib';
import { acknowledgeCompliance } from './private/compliance-nag';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface StateTableProps {
  /**
   * Encrypts the table.
   * @default - an AWS-owned key
   */
  readonly key?: kms.IKey;
  /**
   * What `cdk destroy` does with the table. Retained, it keeps its name, which CloudFormation
   * generated: the next deploy creates a new table beside it instead of failing on a taken name.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The responders' shared state: claims of alarm transitions (idempotency), each resource's lock,
 * intent and cooldowns, the circuit breaker's window, and what each record applied (what undo
 * restores), one item each under `id`, expired by DynamoDB through `expiration`. Only the
 * responders write it (the verifier reads it). On-demand, because a storm is exactly when
 * provisioned capacity would throttle the guardrails. Responders and the verifier get its name
 * from their environment (AR_STATE_TABLE), so it needs no fixed one.
 */
export class StateTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StateTableProps = {}) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: props.key ? dynamodb.TableEncryption.CUSTOMER_MANAGED : dynamodb.TableEncryption.AWS_MANAGED,
      encryptionKey: props.key,
      timeToLiveAttribute: 'expiration',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    acknowledgeCompliance(
      this.table,
      'DynamoDBInBackupPlan',
      'Point-in-time recovery is on (continuous backups, restorable to any second of the last 35 days). The table holds short-lived state that expires by TTL ' +
        '(claims, locks, cooldowns, the breaker window, what each run applied), not the audit trail, which is the remediation log: scheduled AWS Backup snapshots would add nothing PITR cannot restore.',
    );
  }
}
