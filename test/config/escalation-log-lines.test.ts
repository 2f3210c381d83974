import { DEFAULT_CAPS, DEFAULT_LOG_LINES } from '../../lib/catalogue';
import { ConfigError } from '../../lib/config/problems';
import { responderEnvironment } from '../../lib/constructs/private/responder-env';
import { SettingsError, settingsFromEnv } from '../../lambdas/runtime/settings';
import { configWith, type Changes } from '../helpers/config';

function problemsOf(changes: Changes): string[] {
  try {
    configWith(changes);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('escalation.logLines', () => {
  it('defaults to redacted lines, 20 of them, no extra pattern', () => {
    expect(configWith().escalation.logLines).toEqual({ include: 'redacted', maxLines: 20, redactPatterns: [] });
    expect(DEFAULT_LOG_LINES).toEqual({ include: 'redacted', maxLines: 20, redactPatterns: [] });
  });

  it('fails when a redact pattern is not a regular expression, naming its path', () => {
    expect(problemsOf({ 'escalation.logLines': { redactPatterns: ['MRN-\\d{6}', '(unclosed'] } })).toEqual([
      expect.stringMatching(/^escalation\.logLines\.redactPatterns\[1\]: is not a valid JavaScript regular expression: .*Unterminated group/),
    ]);
  });

  it.each([
    [{ maxLines: 51 }, 'escalation.logLines.maxLines'],
    [{ maxLines: 0 }, 'escalation.logLines.maxLines'],
    [{ include: 'raw' }, 'escalation.logLines.include'],
    [{ sendRaw: true }, 'escalation.logLines'],
  ])('fails on %j', (logLines, path) => {
    expect(problemsOf({ 'escalation.logLines': logLines })).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/\./g, '\\.')}: `))]);
  });

  it('reaches the responder: the environment the construct writes is what the settings read', () => {
    const logLines = { include: 'none', maxLines: 5, redactPatterns: ['MRN-\\d{6}'] } as const;
    const env = responderEnvironment({
      prefix: 'ar',
      system: 'rung',
      family: 'waf',
      baseCaps: DEFAULT_CAPS,
      targets: [],
      plannedKinds: new Map(),
      guardrails: configWith().guardrails,
      context: configWith().context,
      remediationLogGroupName: '/alert-responder/ar/remediations',
      escalationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ar-escalations',
      allowedRegions: ['us-east-1'],
      stateTableName: 'ar-state',
      verifyQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/ar-verify',
      logLines,
    });
    expect(JSON.parse(env.AR_LOG_LINES ?? '')).toEqual(logLines);
    expect(settingsFromEnv(env).logLines).toEqual(logLines);
    const { AR_LOG_LINES: _absent, ...without } = env;
    expect(settingsFromEnv(without).logLines).toEqual(DEFAULT_LOG_LINES);
    expect(() => settingsFromEnv({ ...env, AR_LOG_LINES: JSON.stringify({ ...logLines, include: 'raw' }) })).toThrow(SettingsError);
  });
});
