import { loadConfig, parseConfig } from '../../lib/config/load';
import { remediationLogGroupName } from '../../lib/constructs/remediation-log';
import { DEFAULT_CONFIG_PATH, synthesize, type CfnResourceJson, type SynthesizedApp } from '../helpers/synth';

/**
 * `cdk destroy` then `cdk deploy` must succeed: CloudFormation leaves a retained resource in place,
 * and a second deploy that creates one of the same name fails ("already exists"). The invariant:
 * no retained resource has a name of ours. Each resource type that may be retained is listed with
 * the property that would name it, so a new retained type has to be added here, and checked.
 */
const NAME_PROPERTY: Readonly<Record<string, string | undefined>> = {
  'AWS::KMS::Key': undefined,
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::DynamoDB::Table': 'TableName',
};

type Resource = CfnResourceJson & { DeletionPolicy?: string; UpdateReplacePolicy?: string };

let deployments: SynthesizedApp[];

beforeAll(() => {
  // Deployed outside us-east-1, so the us-east-1 stacks (their own key and topics) are there too.
  deployments = [synthesize(parseConfig({ ...loadConfig(DEFAULT_CONFIG_PATH), region: 'eu-west-1' }), { validateTemplates: false })];
});

function resources(synth: SynthesizedApp): Array<{ stack: string; id: string; resource: Resource }> {
  return [...synth.templates].flatMap(([stack, t]) => Object.entries(t.toJSON().Resources as Record<string, Resource>).map(([id, resource]) => ({ stack, id, resource })));
}

const retained = (r: Resource) => [r.DeletionPolicy, r.UpdateReplacePolicy].some((p) => p === 'Retain' || p === 'RetainExceptOnCreate' || p === 'Snapshot');

describe('destroy, then deploy again', () => {
  test('no retained resource has a fixed name, and each retained type is a known one', () => {
    for (const synth of deployments) {
      const kept = resources(synth).filter((r) => retained(r.resource));
      expect(kept.length).toBeGreaterThan(0);
      for (const { stack, id, resource } of kept) {
        const where = `${stack}/${id} (${resource.Type})`;
        expect({ where, known: resource.Type in NAME_PROPERTY }).toEqual({ where, known: true });
        const nameProperty = NAME_PROPERTY[resource.Type];
        expect({ where, name: nameProperty ? resource.Properties?.[nameProperty] : undefined }).toEqual({ where, name: undefined });
      }
    }
  });

  test('what users keep is kept: the state table and the keys of the records (retained), the records (never deleted)', () => {
    for (const synth of deployments) {
      const all = resources(synth);
      const ofType = (type: string) => all.filter((r) => r.resource.Type === type);
      expect(ofType('AWS::DynamoDB::Table').map((r) => r.resource.DeletionPolicy)).toEqual(['Retain']);
      for (const key of ofType('AWS::KMS::Key')) expect(key.resource.DeletionPolicy).toBe('Retain');
      // The alias names the key and holds no data: deleted with the stack, created again with the next one.
      for (const alias of ofType('AWS::KMS::Alias')) expect(retained(alias.resource)).toBe(false);
      const records = ofType('Custom::EnsureLogGroups').flatMap((r) => (r.resource.Properties?.LogGroups as Array<{ Name: string; Owned: string }>).filter((g) => g.Name === remediationLogGroupName('ar')));
      expect(records).toEqual([expect.objectContaining({ Owned: 'true' })]);
    }
  });
});
