import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { NAG_PACKS, findings } from '../helpers/nag';
import { synthesize, type SynthesizedApp } from '../helpers/synth';

let synth: SynthesizedApp;

beforeAll(() => {
  synth = synthesize();
});

function acknowledgments(root: IConstruct): Array<{ path: string; id: string; reason: unknown }> {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, unknown>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
  );
}

describe('cdk-nag', () => {
  test.each(NAG_PACKS)('the %s pack finds nothing unacknowledged in any stack', (_name, pack) => {
    for (const stack of synth.stacks.all) {
      expect({ stack: stack.stackName, findings: findings(pack(), stack) }).toEqual({ stack: stack.stackName, findings: [] });
    }
  });

  test('the check itself reports a finding (a topic without TLS enforcement)', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    new sns.Topic(stack, 'Plain');
    expect(findings(new AwsSolutionsChecks(), stack).join('\n')).toContain('AwsSolutions-SNS3');
  });

  test('every acknowledgment gives a written reason', () => {
    const acks = acknowledgments(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason).toBe('string');
      expect({ ...ack, words: String(ack.reason).split(/\s+/).length >= 6 }).toMatchObject({ words: true });
    }
  });
});
