import { responderRolePath, verifierRolePath } from './private/role-paths';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { OPERATIONS_NAMES } from '../deployment/operations';
import { createEscalationTopic } from './private/escalation-topic';

export interface CentralEscalationsProps {
  readonly prefix: string;
  /** Encrypts the topic; its policy is extended so the member accounts' responders can publish. */
  readonly key: kms.IKey;
  /** The member account ids: only their roles of this deployment may publish. */
  readonly memberAccounts: readonly string[];
  readonly emails: readonly string[];
  readonly httpsUrls: readonly string[];
}

/**
 * `<prefix>-all-escalations` in the operations account: every member account's responders and
 * verifier publish each escalation here too (and its own topic keeps its own people). Only roles
 * of this deployment (`<prefix>-*`, as CloudFormation names them after their stacks) in the
 * configured member accounts may publish, and use the key for it.
 */
export class CentralEscalations extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: CentralEscalationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const topicName = OPERATIONS_NAMES.escalationTopic(props.prefix);
    this.topic = createEscalationTopic(this, { prefix: props.prefix, key: props.key, emails: props.emails, httpsUrls: props.httpsUrls, topicName });
    const accounts = [...new Set(props.memberAccounts)].sort();
    const principals = accounts.map((a) => new iam.AccountPrincipal(a));
    // The members' responders and verifier, by the IAM paths their roles live under (role-paths.ts): only they escalate.
    const paths = [responderRolePath(props.prefix), verifierRolePath(props.prefix)];
    const roles = accounts.flatMap((a) => paths.map((path) => `arn:${stack.partition}:iam::${a}:role${path}*`));
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMemberAccountsRespondersToPublish',
        principals,
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnLike: { 'aws:PrincipalArn': roles } },
      }),
    );
    // Named by its fixed ARN: the topic refers to the key, so the key's policy cannot refer to the topic.
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    const granted = props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMemberAccountsRespondersToEncryptForTheEscalationTopic',
        principals,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        // SNS passes the topic ARN as encryption context (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn }, ArnLike: { 'aws:PrincipalArn': roles } },
      }),
    );
    if (!granted.statementAdded) throw new Error(`CentralEscalations: the key's policy cannot be changed from here (received ${props.key.node.path}); pass a kms.Key of this app.`);
  }
}
