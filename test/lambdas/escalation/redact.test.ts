import { configuredRules, DEFAULT_REDACTIONS, passesLuhn, redactLine, redactLines } from '../../../lambdas/escalation/redact';

describe('redactLine', () => {
  test('the review line: a patient name, a date of birth and a Bearer token are all taken out', () => {
    const line = '2026-11-23T03:10:00Z ERROR sync failed patientName="Jane Q Doe" dob=1984-02-29 Authorization: Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl';
    const { text, kinds } = redactLine(line);
    expect(text).not.toContain('Jane');
    expect(text).not.toContain('1984-02-29');
    expect(text).not.toContain('eyJ');
    expect(text).toContain('2026-11-23T03:10:00Z ERROR sync failed');
    expect(text).toContain('dob=[REDACTED:date-of-birth]');
    expect(text).toContain('Bearer [REDACTED:token]');
    expect(kinds).toEqual(expect.arrayContaining(['name', 'date-of-birth', 'token']));
  });

  test.each([
    ['JSON keys', '{"patient":"John Smith","email":"john.smith@example.org","dateOfBirth":"03/07/1961"}', ['John', 'john.smith@example.org', '03/07/1961']],
    ['a password pair', 'connect failed: postgres://app password=hunter2; retrying', ['hunter2']],
    ['an AWS access key id', 'using key AKIAIOSFODNN7EXAMPLE for s3', ['AKIAIOSFODNN7EXAMPLE']],
    ['an api key header', 'x-api-key: 3f9a8c7d6e5b4a3f2e1d', ['3f9a8c7d6e5b4a3f2e1d']],
    ['a private key', 'key -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- loaded', ['MIIEow']],
    ['a social security number', 'ssn on file 078-05-1120 mismatched', ['078-05-1120']],
    ['a card number', 'charge declined for 4111 1111 1111 1111', ['4111 1111 1111 1111']],
  ])('%s', (_what, line, secrets) => {
    const { text } = redactLine(line);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED:');
  });

  test('keeps what diagnosis needs: timestamps, request ids, durations, epoch milliseconds, resource names', () => {
    const line = '2026-11-23T03:10:00.123Z 8476a536-e9f4-11e8-9739-2dfe598c3fcd Task timed out after 3.00 seconds at 1732331400123 in create_goal-prod';
    expect(redactLine(line)).toEqual({ text: line, kinds: [] });
  });

  test('a card-like number that fails the Luhn checksum is kept', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('1732331400123')).toBe(false);
    expect(redactLine('order 1732331400123 shipped').text).toBe('order 1732331400123 shipped');
  });

  test('configured patterns apply after the defaults, with their own mark', () => {
    const rules = [...DEFAULT_REDACTIONS, ...configuredRules(['MRN-\\d{6}'])];
    expect(redactLine('record MRN-004217 locked', rules).text).toBe('record [REDACTED:configured] locked');
  });

  test('fails when a configured pattern is not a regular expression, naming it', () => {
    expect(() => configuredRules(['ok', '(unclosed'])).toThrow(/redactPatterns\[1\].*\(unclosed/);
  });
});

describe('redactLines', () => {
  test('says how many lines were redacted and of what kinds', () => {
    const out = redactLines(['plain line', 'mail me at a@b.io', 'Bearer abc.def']);
    expect(out.redacted).toBe(2);
    expect(out.lines).toEqual(['plain line', 'mail me at [REDACTED:email]', 'Bearer [REDACTED:token]']);
    expect(out.note).toBe('2 of 3 log line(s) were redacted before sending (email, token); the full lines stay in CloudWatch Logs.');
  });

  test('says so when nothing needed redacting', () => {
    expect(redactLines(['plain']).note).toMatch(/none was found in 1 line/);
  });
});
