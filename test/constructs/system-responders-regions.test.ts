import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Severity } from '../../lib/catalogue';
import { planDeployment, type DeploymentPlan } from '../../lib/deployment';
import { SystemResponders } from '../../lib/constructs/system-responders';
import { ACCOUNT, defaultPlan, sharedState } from './responder-test-stack';

/** healthhub alone, deployed in eu-west-1: its CloudFront, health-check and billing alarms live in us-east-1. */
function healthhubIn(region: string): DeploymentPlan {
  const { config } = defaultPlan();
  return planDeployment({ ...config, region, systems: config.systems.filter((s) => s.id === 'healthhub') });
}

function build(plan: DeploymentPlan, withUsEast1Topics: boolean): Stack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Home', { env: { account: ACCOUNT, region: plan.config.region } });
  const topic = (id: string) => new sns.Topic(stack, id);
  const east = (s: Severity) => sns.Topic.fromTopicArn(stack, `East${s}`, `arn:aws:sns:us-east-1:${ACCOUNT}:ar-${s}`);
  new SystemResponders(stack, 'Responders', {
    plan,
    system: plan.systems[0],
    severityTopics: { P0: topic('P0'), P1: topic('P1'), P2: topic('P2') },
    usEast1Topics: withUsEast1Topics ? { P0: east('P0'), P1: east('P1'), P2: east('P2') } : undefined,
    escalationTopic: topic('Escalations'),
    topicKey: new kms.Key(stack, 'Key'),
    remediationLog: new logs.LogGroup(stack, 'Log'),
    ...sharedState(stack),
  });
  return stack;
}

describe('SystemResponders outside us-east-1', () => {
  let stack: Stack;
  let template: Template;

  beforeAll(() => {
    stack = build(healthhubIn('eu-west-1'), true);
    template = Template.fromStack(stack);
  });

  test('subscribes to the us-east-1 topics in their region, without the dead-letter queue SNS would reject', () => {
    const east = Object.values(template.findResources('AWS::SNS::Subscription', { Properties: { Region: 'us-east-1' } }));
    expect(east.length).toBe(3);
    for (const s of east) expect(s.Properties.RedrivePolicy).toBeUndefined();
    const home = Object.values(template.findResources('AWS::SNS::Subscription')).filter((s) => s.Properties.Region === undefined);
    for (const s of home) expect(s.Properties.RedrivePolicy).toBeDefined();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('has no dead-letter queue')).length).toBe(3);
  });

  test('allows alarms from both regions where the responder handles us-east-1 alarms', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ar-healthhub-cloudFront',
      Environment: { Variables: Match.objectLike({ AR_ALLOWED_REGIONS: 'eu-west-1,us-east-1' }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ar-healthhub-dynamodb',
      Environment: { Variables: Match.objectLike({ AR_ALLOWED_REGIONS: 'eu-west-1' }) },
    });
  });

  test('scopes IAM to the home region, where the configuration says the resources are', () => {
    const json = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(json).toContain(`:dynamodb:eu-west-1:${ACCOUNT}:table/HealthHub-Users-Production`);
    expect(json).toContain(`:cloudfront::${ACCOUNT}:distribution/E1234567890`);
  });

  test('fails when a responder handles us-east-1 alarms and no us-east-1 topics were given', () => {
    expect(() => build(healthhubIn('eu-west-1'), false)).toThrow(
      /System "healthhub": the cloudFront responder handles alarms on us-east-1-only metrics, but no usEast1Topics were given/,
    );
    expect(() => build(healthhubIn('us-east-1'), false)).not.toThrow();
  });
});
