import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_KIND_IDS, REMEDIATION_IDS } from '../../lib/catalogue';
import { renderCatalogueDoc } from '../../lib/docs/catalogue-doc';

describe('docs/alert-catalogue.md', () => {
  const doc = renderCatalogueDoc();

  it('is what the catalogue generates today (run `npm run docs` after changing the catalogue)', () => {
    expect(readFileSync(join(__dirname, '..', '..', 'docs', 'alert-catalogue.md'), 'utf8')).toBe(doc);
  });

  it('names every alert kind and every remediation', () => {
    for (const id of [...ALERT_KIND_IDS, ...REMEDIATION_IDS]) expect(doc).toContain(`\`${id}\``);
  });
});
