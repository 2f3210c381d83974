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
    ['a quoted password with spaces', '{"password": "correct horse battery", "user": "svc"}', ['correct', 'horse', 'battery']],
    ['a prefixed secret key', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY DB_PASSWORD=hunter2', ['wJalrXUtnFEMI', 'hunter2']],
    ['a password in a URL', 'connect postgres://admin:S3cr3t!@db.internal:5432/app failed', ['S3cr3t!']],
    ['every cookie of a header', 'cookie: session=abc123; csrftoken=zzz999', ['abc123', 'zzz999']],
    ['well-known token formats', 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB xoxb-123456789012-abcdefABCDEF sk_live_4eC39HqLyjWDarjtT1zdp7dc', ['ghp_1234', 'xoxb-1234', 'sk_live_4eC3']],
    ['a date of birth in words, after DOB with no separator', 'Patient Jane Doe (DOB 07 Mar 1961) checked in; birthDate=March 7, 1961', ['Jane', 'Doe', '07 Mar 1961', 'March 7, 1961']],
    ['health-record numbers, phone numbers and addresses under their keys', 'mrn: 00123456 phone=+1 (555) 010-9999 home_address="12 Main St, Springfield"', ['00123456', '555', 'Main St', 'Springfield']],
  ])('%s', (_what, line, secrets) => {
    const { text } = redactLine(line);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED:');
  });

  test('keeps what diagnosis needs: timestamps, request ids, durations, epoch milliseconds, resource names', () => {
    const line = '2026-11-23T03:10:00.123Z 8476a536-e9f4-11e8-9739-2dfe598c3fcd Task timed out after 3.00 seconds at 1732331400123 in create_goal-prod';
    expect(redactLine(line)).toEqual({ text: line, kinds: [] });
  });

  test('keeps network addresses, which security alerts need, and words that only start like a key', () => {
    const line = 'login failed ip_address=203.0.113.7 remote-address=198.51.100.9 passwordless=false token_count=3 name=orders-table';
    expect(redactLine(line)).toEqual({ text: line, kinds: [] });
  });

  test('a secret ends at its first space: the words after it stay', () => {
    expect(redactLine('token=abc123 expired at 03:00').text).toBe('token=[REDACTED:secret] expired at 03:00');
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
