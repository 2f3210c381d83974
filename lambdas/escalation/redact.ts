/**
 * Application log lines go to people by email and HTTPS (PagerDuty, chat): outside the account's
 * controls. The default systems handle health data, so every line is redacted before it leaves:
 * credentials (bearer and basic tokens, JWTs, AWS access keys, well-known API token formats,
 * private keys, URL passwords, cookies, `password=`-style pairs) and personal data (emails, dates
 * of birth, names under a name-like key or after "patient", health-record numbers, phone numbers
 * and addresses under their keys, US social security numbers, card numbers), plus any pattern the
 * deployment configures. What a pattern matches is replaced by `[REDACTED:<kind>]`, so a reader
 * still sees that something was there. Source IP addresses are kept (security alerts need them):
 * a deployment that must remove them configures a pattern.
 */

/** A rule: what it matches, and what kind of data that is (named in the replacement). */
export interface RedactionRule {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Which capture group holds the value; the rest of the match (a key, a label) is kept. @default the whole match */
  readonly valueGroup?: number;
  /** A further check of a match, for patterns that also match harmless text. @default every match */
  readonly accept?: (match: string) => boolean;
}

/** The Luhn checksum every payment card number passes: nine in ten other long numbers (epoch milliseconds, ids) fail it and are kept. */
export function passesLuhn(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

// Keys whose value is a secret or personal, as `key: value`, `key=value` or JSON `"key": "value"`;
// a prefix joined by "_" or "-" counts too (`aws_secret_access_key`, `DB_PASSWORD`).
const PREFIX = String.raw`(?:[A-Za-z0-9]+[_-])*`;
const SECRET_KEYS = String.raw`pass(?:word|wd|phrase)?|pwd|secret|client[_-]?secret|api[_-]?key|x-api-key|access[_-]?key(?:[_-]?id)?|secret[_-]?access[_-]?key|private[_-]?key|session[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|token|authorization|credentials?`;
// Case-insensitive by hand: the unquoted value must stay case-sensitive (capitalised words only).
const NAME_KEYS = String.raw`[Pp]atient(?:[_-]?[Nn]ame)?|(?:[Ff]irst|[Ll]ast|[Ff]ull|[Gg]iven|[Ff]amily|[Mm]iddle|[Mm]aiden)[_-]?[Nn]ame|[Nn]ame|[Ss]urname`;
const DOB_KEYS = String.raw`dob|date[_\s-]?of[_\s-]?birth|birth[_-]?date|birthdate|birthday|born(?:\s+on)?`;
// Health-record identifiers and contact details (HIPAA's Safe Harbor list), under a key only: bare, they look like any number.
const PERSONAL_KEYS = String.raw`ssn|social[_-]?security(?:[_-]?number)?|mrn|medical[_-]?record(?:[_-]?(?:number|no|id))?|member[_-]?id|insurance[_-]?(?:id|number)|policy[_-]?number|phone(?:[_-]?number)?|mobile|telephone|fax|(?<!(?:ip|mac|remote|source|src|client|server|host|local|peer|bind|listen|email|web)[_-])(?:(?:home|street|postal|mailing|billing)[_-]?)?address|street|zip(?:[_-]?code)?|postcode|postal[_-]?code`;
/** The separator between a key and its value, quotes included, kept in the output. */
const SEP = String.raw`["']?\s*[:=]\s*`;
/** A secret: the whole of a quoted value, or one unquoted word (secrets have no spaces; what follows is kept). */
const SECRET_VALUE = String.raw`(?:"([^"]*)"|'([^']*)'|([^\s"',;&}\]]+))`;
/** Personal data: the whole of a quoted value, or unquoted words up to `;`, `&` or the next `key=` (an address has spaces and commas). */
const VALUE = String.raw`(?:"([^"]*)"|'([^']*)'|([^\s"';&}\]]+(?:\s+(?![^\s"';&}\]]*[=:])[^\s"';&}\]]+)*))`;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE = String.raw`\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+${MONTH}\s+\d{2,4}|${MONTH}\s+\d{1,2},?\s+\d{2,4}`;
/** Well-known credential formats that need no key: GitHub, Slack, Stripe, OpenAI-style and Google API keys. */
const KNOWN_TOKENS = /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|sk-(?:proj-)?[A-Za-z0-9_-]{20,}|AIza[A-Za-z0-9_-]{35})/g;

/** The rules every escalation applies, most specific first: a credential must not be half-matched as something else. */
export const DEFAULT_REDACTIONS: readonly RedactionRule[] = [
  { kind: 'private-key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { kind: 'token', pattern: /\b(?:Bearer|Basic|Digest)\s+([A-Za-z0-9\-._~+/]+=*)/gi, valueGroup: 1 },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g },
  { kind: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA)[A-Z0-9]{16}\b/g },
  { kind: 'token', pattern: KNOWN_TOKENS },
  // user:password@host in a URL: the password goes, the user and host stay.
  { kind: 'secret', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi, valueGroup: 1 },
  // A cookie header holds session tokens all along its value.
  { kind: 'secret', pattern: /\b(?:set-)?cookie["']?\s*:\s*["']?([^"'\r\n]+)/gi, valueGroup: 1 },
  // After the token rules: `Authorization: Bearer [REDACTED:token]` keeps its scheme word.
  {
    kind: 'secret',
    pattern: new RegExp(String.raw`\b${PREFIX}(?:${SECRET_KEYS})\b${SEP}(?!["']?(?:Bearer|Basic|Digest)\s|["']?\[REDACTED)${SECRET_VALUE}`, 'gi'),
    valueGroup: 0,
  },
  { kind: 'date-of-birth', pattern: new RegExp(String.raw`\b(?:${DOB_KEYS})\b["']?\s*[:=]?\s*["']?(${DATE})`, 'gi'), valueGroup: 1 },
  { kind: 'personal', pattern: new RegExp(String.raw`\b${PREFIX}(?:${PERSONAL_KEYS})\b${SEP}${VALUE}`, 'gi'), valueGroup: 0 },
  // A name is its whole quoted value, or up to four capitalised words unquoted; valueGroup 0: whichever matched.
  {
    kind: 'name',
    pattern: new RegExp(String.raw`\b(?:${NAME_KEYS})\b["']?\s*[:=]\s*(?:"([^"]*)"|'([^']*)'|((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,3}))`, 'g'),
    valueGroup: 0,
  },
  // "Patient Jane Doe" in free text: capitalised words right after the word patient.
  { kind: 'name', pattern: /\b[Pp]atient\s+((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,3})/g, valueGroup: 1 },
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'ssn', pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  { kind: 'card-number', pattern: /\b(?:\d[ -]?){12,18}\d\b/g, accept: passesLuhn },
];

/** What one line became, and what was taken out of it. */
export interface RedactedLine {
  readonly text: string;
  readonly kinds: readonly string[];
}

function replaceValue(match: string, groups: readonly (string | undefined)[], rule: RedactionRule): string {
  const mark = `[REDACTED:${rule.kind}]`;
  // valueGroup 0 on the name rule: whichever of its alternative groups matched.
  const value = rule.valueGroup === 0 ? groups.find((g) => g !== undefined) : rule.valueGroup === undefined ? undefined : groups[rule.valueGroup - 1];
  if (value === undefined || value === '') return rule.valueGroup === undefined ? mark : match;
  const at = match.lastIndexOf(value);
  return `${match.slice(0, at)}${mark}${match.slice(at + value.length)}`;
}

/** Redacts one line with `rules` in order; a rule never sees what an earlier one replaced. */
export function redactLine(line: string, rules: readonly RedactionRule[] = DEFAULT_REDACTIONS): RedactedLine {
  const kinds = new Set<string>();
  let text = line;
  for (const rule of rules) {
    text = text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      if (rule.accept && !rule.accept(match)) return match;
      // replace() passes the groups, then the offset (a number): keep only the groups.
      const groups = rest.slice(0, rest.findIndex((r) => typeof r === 'number')) as (string | undefined)[];
      const replaced = replaceValue(match, groups, rule);
      if (replaced !== match) kinds.add(rule.kind);
      return replaced;
    });
  }
  return { text, kinds: [...kinds] };
}

/** Turns configured pattern strings into rules; a bad pattern is a configuration error, named. */
export function configuredRules(patterns: readonly string[]): RedactionRule[] {
  return patterns.map((source, i) => {
    try {
      return { kind: 'configured', pattern: new RegExp(source, 'g') };
    } catch (err) {
      throw new Error(`escalation.logLines.redactPatterns[${i}] is not a valid regular expression (${JSON.stringify(source)}): ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/** Many lines: each redacted, and a one-line note for the message saying what was taken out. */
export function redactLines(lines: readonly string[], rules: readonly RedactionRule[] = DEFAULT_REDACTIONS): { lines: string[]; redacted: number; note: string } {
  const done = lines.map((l) => redactLine(l, rules));
  const redacted = done.filter((d) => d.kinds.length > 0).length;
  const kinds = [...new Set(done.flatMap((d) => d.kinds))].sort();
  const note =
    redacted === 0
      ? `Log lines were checked for secrets and personal data before sending; none was found in ${lines.length} line(s).`
      : `${redacted} of ${lines.length} log line(s) were redacted before sending (${kinds.join(', ')}); the full lines stay in CloudWatch Logs.`;
  return { lines: done.map((d) => d.text), redacted, note };
}
