import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load';
import { renderConfigJsonSchema } from '../config/json-schema';
import { planDeployment } from '../deployment';
import { renderAlertsDoc } from './alerts-doc';
import { renderArchitectureDiagram } from './architecture-diagram';
import { renderCostSection } from './cost-section';
import { countFootprint, synthesizedTemplates } from './footprint';
import { fenced, withReadmeBlocks } from './readme-blocks';

/** A file of the repository written by `npm run docs`: its path and what it must contain now. */
export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly render: () => string;
}

export const REPOSITORY_ROOT = join(__dirname, '..', '..');
export const MINIMAL_EXAMPLE_PATH = 'config/examples/minimal.json';
/** The README's library example is this app's code. */
export const LIBRARY_EXAMPLE_PATH = 'examples/consumer-app/app.ts';

const read = (path: string): string => readFileSync(join(REPOSITORY_ROOT, path), 'utf8');

/** Every generated file, rendered from the catalogue, the schema and the default configuration. */
export function generatedFiles(): readonly GeneratedFile[] {
  const plan = planDeployment(loadConfig(join(REPOSITORY_ROOT, 'config', 'default.json')));
  return [
    { path: 'docs/alerts.md', render: () => renderAlertsDoc(plan) },
    { path: 'config.schema.json', render: renderConfigJsonSchema },
    {
      path: 'README.md',
      render: () =>
        withReadmeBlocks(read('README.md'), {
          'minimal-config': fenced('json', read(MINIMAL_EXAMPLE_PATH)),
          architecture: fenced('mermaid', renderArchitectureDiagram(plan)),
          'library-example': fenced('ts', read(LIBRARY_EXAMPLE_PATH)),
          cost: renderCostSection(countFootprint(synthesizedTemplates(plan))),
        }),
    },
  ];
}
