import { App, CfnOutput, Tags } from 'aws-cdk-lib';
import { AlertResponder, type DeploymentConfigInput } from 'alert-responder';

// The configuration, typed: the same fields as a JSON configuration file (config.schema.json).
const config: DeploymentConfigInput = {
  prefix: 'shop',
  region: 'eu-west-1',
  escalation: { emails: ['oncall@example.com'] },
  systems: [
    {
      id: 'orders',
      description: 'Orders API: one Lambda function served through its alias "live", one DynamoDB table',
      resources: {
        lambda: [{ name: 'orders-api', alias: 'live' }],
        dynamodb: [{ name: 'orders-prod' }],
      },
    },
  ],
};

const app = new App();

// Adds the stacks shop-core and shop-orders: alarms, topics, responders, log, dashboard.
const alerts = new AlertResponder(app, 'Alerts', { config });

// The constructs inside stay reachable, typed.
const { core } = alerts.stacks;
new CfnOutput(core, 'CriticalTopicArn', { value: core.topics.topics.P0.topicArn });
Tags.of(alerts).add('team', 'platform');
