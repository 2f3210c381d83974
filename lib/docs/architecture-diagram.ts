import {
  escalationTopicName,
  REMEDIATIONS,
  RESPONDER_FAMILIES,
  SEVERITIES,
  SEVERITY_IDS,
  severityTopicName,
  verifyQueueName,
  type ResponderFamily,
} from '../catalogue';
import { remediationLogGroupName } from '../constructs/remediation-log';
import type { DeploymentPlan } from '../deployment';

/** The AWS service each responder family calls to remediate, as the diagram names it. */
const FAMILY_SERVICE: Record<ResponderFamily, string> = {
  lambda: 'Lambda',
  dynamodb: 'DynamoDB',
  ecs: 'ECS',
  appRunner: 'App Runner',
  rds: 'RDS',
  elastiCache: 'ElastiCache',
  cloudFront: 'CloudFront',
  waf: 'WAF + CloudWatch Logs',
  escalation: 'CloudWatch + Logs (diagnostics)',
};

/** The names the diagram shows, each one a resource the core stack creates (a test checks them). */
export function diagramResourceNames(prefix: string): {
  readonly topics: readonly string[];
  readonly escalationTopic: string;
  readonly verifyQueue: string;
  readonly remediationLog: string;
  readonly modeParameter: string;
} {
  return {
    topics: SEVERITY_IDS.map((s) => severityTopicName(prefix, s)),
    escalationTopic: escalationTopicName(prefix),
    verifyQueue: verifyQueueName(prefix),
    remediationLog: remediationLogGroupName(prefix),
    modeParameter: `/${prefix}/mode`,
  };
}

/**
 * The README's architecture picture as Mermaid, drawn from a deployment plan so its names and
 * counts are the ones `cdk synth` produces (the README block is checked against it).
 */
export function renderArchitectureDiagram(plan: DeploymentPlan): string {
  const prefix = plan.config.prefix;
  const names = diagramResourceNames(prefix);
  const alarms = plan.systems.flatMap((s) => s.alarms);
  const responders = plan.systems.flatMap((s) => s.responders);
  const families = RESPONDER_FAMILIES.filter((f) => responders.some((r) => r.family === f));
  const services = families.filter((f) => Object.values(REMEDIATIONS).some((r) => r.family === f)).map((f) => FAMILY_SERVICE[f]);
  const lines: string[] = ['flowchart LR'];
  lines.push(`  subgraph watched["${alarms.length} CloudWatch alarms: system × resource × alert kind"]`);
  for (const severity of SEVERITY_IDS) {
    const count = alarms.filter((a) => a.severity === severity).length;
    lines.push(`    A${severity}["${severity} ${SEVERITIES[severity].label}: ${count}"]`);
  }
  lines.push('  end');
  for (const [i, severity] of SEVERITY_IDS.entries()) {
    lines.push(`  A${severity} -->|ALARM, OK| T${severity}[/"SNS ${names.topics[i]}"/]`);
  }
  lines.push(
    `  T${SEVERITY_IDS.join(' & T')} -->|"filter: alarm-name prefix"| R["${responders.length} Lambda responders<br/>${prefix}-{system}-{family}<br/>${families.join(', ')}"]`,
    `  R <-->|"idempotency, cooldown, lock, breaker,<br/>history (brake, fix score), proposals"| S[("DynamoDB state table")]`,
    `  M["SSM ${names.modeParameter}<br/>enforce | dry-run | off"] -.->|kill switch| R`,
    `  C["context (read-only, time-boxed)<br/>CloudFormation stack, ECS rollout, alias weights,<br/>CloudTrail recent changes, maintenance windows"] -.->|"1. context: hold?"| R`,
    `  R -->|"2. level (observe, propose, auto), guards<br/>3. apply (capped)"| API["AWS APIs<br/>${services.join(', ')}"]`,
    `  R -->|"one record per notification"| L[("Logs ${names.remediationLog}")]`,
    `  R -->|applied| Q[/"SQS ${names.verifyQueue} (delayed)"/] --> V["Lambda verifier"]`,
    `  V -->|recovered or still ALARM| L`,
    `  R -->|"no safe fix, refused or failed"| E[/"SNS ${names.escalationTopic}"/]`,
    `  V -->|still ALARM| E`,
    '  E --> P(["people: email, chat (Amazon Q), HTTPS"])',
    '  P -->|"npm run approve (SigV4)"| U["function URL, AWS_IAM<br/>approvers only"] --> R',
    '  R -.->|"approved apply: AssumeRole,<br/>session policy = the plan, SourceIdentity = record"| AR["action role"] -.-> API',
    '  subgraph self["self-monitoring"]',
    '    D[/"SQS dead-letter queues"/] --> SA["alarms: errors, throttles,<br/>DLQ depth, failed records"]',
    '  end',
    '  R -.->|failed invocations| D',
    `  T${SEVERITY_IDS.join(' & T')} -.->|undeliverable| D`,
    '  L -.->|metric filters| SA',
    '  SA --> E',
  );
  return `${lines.join('\n')}\n`;
}
