import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REMEDIATIONS, REMEDIATION_IDS } from '../../../lib/catalogue';

/**
 * Every remediation of the catalogue has tests of its plan, its apply and, where the catalogue
 * says it is reversible, its undo: describe blocks titled `<id> plan`, `<id> apply`, `<id> undo`
 * in `<family>/<id>.test.ts` or `<family>/<id>.<aspect>.test.ts` beside this file.
 */
function testsOf(id: string, family: string): { files: string[]; text: string } {
  const dir = join(__dirname, family);
  const files = readdirSync(dir).filter((f) => f === `${id}.test.ts` || (f.startsWith(`${id}.`) && f.endsWith('.test.ts')));
  return { files, text: files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n') };
}

const has = (text: string, title: string) => text.includes(`describe('${title}'`);

describe('remediation test coverage', () => {
  it.each(REMEDIATION_IDS)('%s: tests its plan, its apply and, if reversible, its undo', (id) => {
    const { family, reversible } = REMEDIATIONS[id];
    const { files, text } = testsOf(id, family);
    expect(files.length).toBeGreaterThan(0);
    const missing = ['plan', 'apply', ...(reversible ? ['undo'] : [])].filter((aspect) => !has(text, `${id} ${aspect}`));
    expect(missing).toEqual([]);
    // An irreversible remediation has no undo to test: a test of one would test nothing.
    if (!reversible) expect(has(text, `${id} undo`)).toBe(false);
    // Its applies run through the check that they call only the catalogue's `applies` (a scoped session's limit).
    expect(text).toContain("from '../apply-within-applies'");
  });
});
