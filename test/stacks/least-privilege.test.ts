import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_COMMON_READS, CONTEXT_READS, REMEDIATIONS } from '../../lib/catalogue';
import { parseConfig } from '../../lib/config/load';
import { contextGrants } from '../../lib/constructs/private/responder-iam';
import { configuredArns, identityGrants, renderValue } from '../helpers/configured-arns';
import { resourcesOfType, synthesize, DEFAULT_CONFIG_PATH, type SynthesizedApp } from '../helpers/synth';

const EXAMPLES = join(__dirname, '..', '..', 'config', 'examples');
const CONFIGS = [DEFAULT_CONFIG_PATH, ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f))];

/** Reads: what the responders may be granted more broadly where AWS leaves no choice. */
const isRead = (action: string) => /^[a-z0-9-]+:(Get|Describe|List|Filter|Lookup|Search)/.test(action);
/** Mutating actions with no resource type in the Service Authorization Reference (list_awsxray): only `*`. */
const NO_RESOURCE_TYPE = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

const synthesized = new Map<string, { synth: SynthesizedApp; json: unknown }>();
beforeAll(() => {
  for (const path of CONFIGS) {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    synthesized.set(path, { synth: synthesize(parseConfig(json, path), { validateTemplates: false }), json });
  }
});

const each = (fn: (path: string, s: { synth: SynthesizedApp; json: unknown }) => void) => () => {
  expect(synthesized.size).toBe(CONFIGS.length);
  for (const [path, s] of synthesized) fn(path, s);
};

describe.each([['default and config/examples/*']])('least privilege (%s)', () => {
  test(
    'no mutating action of any identity policy names a wildcard or an ARN outside the configuration',
    each((path, { synth, json }) => {
      const allowed = configuredArns(json);
      const region = synth.plan.config.region;
      const offending: string[] = [];
      let mutating = 0;
      for (const [stack, template] of synth.templates) {
        for (const { action, resource } of identityGrants(template, region)) {
          if (isRead(action)) continue;
          mutating += 1;
          if (resource === '*' ? NO_RESOURCE_TYPE.has(action) : resource === '<ref>' || allowed.has(resource)) continue;
          offending.push(`${stack}: ${action} on ${resource}`);
        }
      }
      expect(mutating).toBeGreaterThan(20);
      expect({ path, offending }).toEqual({ path, offending: [] });
    }),
  );

  test(
    "Lambda's alias-qualified actions name only configured aliases: none for functions configured without one",
    each((path, { synth, json }) => {
      const allowed = configuredArns(json);
      const region = synth.plan.config.region;
      for (const template of synth.templates.values()) {
        for (const { action, resource } of identityGrants(template, region)) {
          if (!/^lambda:(Put|Delete|Get)ProvisionedConcurrencyConfig$/.test(action)) continue;
          // function:NAME:ALIAS, and in the configuration.
          expect({ path, action, resource, qualified: /:function:[^:]+:[^:*]+$/.test(resource), configured: allowed.has(resource) }).toMatchObject({
            qualified: true,
            configured: true,
          });
        }
      }
    }),
  );

  test(
    'each responder gains only read-only context actions, for the target types it acts on; the escalation responder none',
    each((path, { synth }) => {
      const contextActions = new Set([...Object.values(CONTEXT_READS).flatMap((reads) => (reads ?? []).flatMap((r) => r.actions)), ...CONTEXT_COMMON_READS.flatMap((r) => r.actions)]);
      const remediationActions = new Set<string>(Object.values(REMEDIATIONS).flatMap((r) => r.permissions.flatMap((p) => p.actions)));
      let acting = 0;
      for (const responder of synth.plan.systems.flatMap((s) => s.responders)) {
        const gained = contextGrants(responder).flatMap(([, reads]) => reads.flatMap((r) => r.actions));
        expect({ path, responder: responder.id, notRead: gained.filter((a) => !isRead(a)) }).toEqual({ path, responder: responder.id, notRead: [] });
        if (responder.grants.size === 0) {
          expect({ path, responder: responder.id, gained }).toEqual({ path, responder: responder.id, gained: [] });
          continue;
        }
        acting += 1;
        expect(gained).toEqual(expect.arrayContaining(['cloudformation:DescribeStacks', 'cloudtrail:LookupEvents']));
        // Only the reads of the target types its remediations act on.
        const types = new Set([...responder.grants.values()].flat().map((t) => t.type));
        const allowed = new Set([...[...types].flatMap((t) => (CONTEXT_READS[t] ?? []).flatMap((r) => r.actions)), ...CONTEXT_COMMON_READS.flatMap((r) => r.actions)]);
        expect({ path, responder: responder.id, beyond: gained.filter((a) => !allowed.has(a)) }).toEqual({ path, responder: responder.id, beyond: [] });
      }
      expect(acting).toBeGreaterThan(0);
      // In the templates: the context actions no remediation needs appear only as reads, on the stacks' pattern or "*".
      const region = synth.plan.config.region;
      const seen = new Set<string>();
      for (const template of synth.templates.values()) {
        for (const { action, resource } of identityGrants(template, region)) {
          if (!contextActions.has(action) || remediationActions.has(action)) continue;
          seen.add(action);
          if (action === 'cloudformation:DescribeStacks') expect({ path, resource }).toEqual({ path, resource: expect.stringMatching(/:cloudformation:[^:]+:[^:]+:stack\/\*\/\*$/) });
          if (action === 'cloudtrail:LookupEvents') expect({ path, resource }).toEqual({ path, resource: '*' });
        }
      }
      expect([...seen].sort()).toEqual(expect.arrayContaining(['cloudformation:DescribeStacks', 'cloudtrail:LookupEvents', 'lambda:ListTags']));
    }),
  );

  test(
    'every log group of every stack is encrypted with a KMS key of the deployment',
    each((path, { synth }) => {
      const groups = resourcesOfType(synth.templates, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThan(2);
      const unencrypted = groups.filter((g) => g.resource.Properties?.KmsKeyId === undefined).map((g) => `${g.stack}/${g.id}`);
      expect({ path, unencrypted }).toEqual({ path, unencrypted: [] });
      for (const g of groups) expect(renderValue(g.resource.Properties?.KmsKeyId, synth.plan.config.region)).toBe('<ref>');
    }),
  );
});
