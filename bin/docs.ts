/** `npm run docs`: rewrites every generated file (docs/alerts.md, config.schema.json, the README's blocks). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, REPOSITORY_ROOT } from '../lib/docs/generated-files';

for (const file of generatedFiles()) {
  const target = join(REPOSITORY_ROOT, file.path);
  const text = file.render();
  const changed = !existsSync(target) || readFileSync(target, 'utf8') !== text;
  if (changed) writeFileSync(target, text);
  process.stdout.write(`${changed ? 'wrote    ' : 'unchanged'} ${file.path}\n`);
}
