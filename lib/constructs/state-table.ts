import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { stateTableName } from '../catalogue';

export { stateTableName } from '../catalogue';

export interface StateTableProps {
  readonly prefix: string;
  /**
   * Encrypts the table.
   * @default - an AWS-owned key
   */
  readonly key?: kms.IKey;
  /**
   * @default RemovalPolicy.RETAIN (cooldowns and idempotency keys outlive a redeploy)
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The responders' shared state: idempotency keys (Powertools), cooldowns, locks and the circuit
 * breaker, one item each under `id`, expired by DynamoDB through `expiration`. On-demand, because
 * a storm is exactly when provisioned capacity would throttle the guardrails.
 */
export class StateTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StateTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: stateTableName(props.prefix),
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: props.key ? dynamodb.TableEncryption.CUSTOMER_MANAGED : dynamodb.TableEncryption.AWS_MANAGED,
      encryptionKey: props.key,
      timeToLiveAttribute: 'expiration',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
