import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const REPO = path.join(__dirname, '..', '..');

/** One import of a source file: what it says, and the repository file it resolves to (undefined for a package). */
export interface Import {
  /** The importing file, relative to the repository root (`lambdas/pipeline/act.ts`). */
  readonly from: string;
  /** As written (`../core/record`, `@aws-sdk/client-ecs`). */
  readonly specifier: string;
  /** The imported file relative to the repository root, for relative imports. */
  readonly to?: string;
}

/** Every `.ts` file below `dir` (relative to the repository root), sorted. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(REPO, d), { withFileTypes: true })) {
      const rel = path.posix.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) files.push(rel);
    }
  };
  walk(dir);
  return files.sort();
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(REPO, candidate)) && fs.statSync(path.join(REPO, candidate)).isFile()) return candidate;
  }
  return base;
}

/**
 * The imports of a file as the compiler reads them: `import`, `export … from`, `import type`,
 * `require` and `import()` alike (a type-only import is a dependency too).
 */
export function importsOf(file: string): Import[] {
  const source = fs.readFileSync(path.join(REPO, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? { from: file, specifier: fileName, to: resolveRelative(file, fileName) } : { from: file, specifier: fileName },
  );
}
