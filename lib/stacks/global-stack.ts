import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SeverityTopics } from '../constructs/severity-topics';

export interface GlobalStackProps extends StackProps {
  /** The deployment prefix: the topics have the same names as in the home region. */
  readonly prefix: string;
  /**
   * Shards of the severity topics, as in the home region.
   * @default 1
   */
  readonly shards?: number;
}

/**
 * The us-east-1 copy of the severity topics, with its own key: Route 53 health-check, billing
 * and CloudFront metrics exist only in us-east-1, and an alarm can only notify topics of its
 * own region. Only deployed when the home region is elsewhere.
 */
export class GlobalStack extends Stack {
  readonly topics: SeverityTopics;

  constructor(scope: Construct, id: string, props: GlobalStackProps) {
    super(scope, id, props);
    this.topics = new SeverityTopics(this, 'Topics', { prefix: props.prefix, shards: props.shards });
  }
}
