/** What is in each bundle, from esbuild's metafile: the largest packages (or project folders). */
import { bytesByPackage, type BuiltResponder } from './bundles';
import type { Section } from './report';

const TOP = 6;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function bundleContents(responders: readonly BuiltResponder[]): Section {
  return {
    title: 'What is in the bundles',
    intro: `The ${TOP} largest packages (or project folders) of each minified bundle, by bytes in the output (esbuild metafile).`,
    header: ['function', 'bundle', `largest ${TOP}`],
    rows: responders.map((r) => [
      r.role,
      kb(r.bytes),
      bytesByPackage(r.metafile)
        .slice(0, TOP)
        .map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`)
        .join(', '),
    ]),
  };
}
