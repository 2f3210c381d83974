/** `npm run docs`: writes docs/alert-catalogue.md from the catalogue. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCatalogueDoc } from '../lib/docs/catalogue-doc';

const target = join(__dirname, '..', 'docs', 'alert-catalogue.md');
writeFileSync(target, renderCatalogueDoc());
process.stdout.write(`wrote ${target}\n`);
