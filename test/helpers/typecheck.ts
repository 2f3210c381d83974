import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface TypeCheckResult {
  /** Every error in the project's own files and in the named package's files, formatted as tsc prints them. */
  readonly errors: readonly string[];
  /** The package's files that were checked (its `.d.ts`). */
  readonly packageFiles: readonly string[];
  /** The compiler options of the project's tsconfig (with `skipLibCheck: false`). */
  readonly options: ts.CompilerOptions;
}

function readConfig(projectDir: string, extend: ts.CompilerOptions = {}): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(projectDir, 'tsconfig.json'), extend, host);
  if (!config) throw new Error(`No tsconfig.json in ${projectDir}`);
  return config;
}

/**
 * Writes the project's JavaScript to its `outDir`, file by file without type information (as
 * `isolatedModules` would): fast, so the app can run while its types are checked.
 */
export function transpileProject(projectDir: string): void {
  const config = readConfig(projectDir);
  const outDir = config.options.outDir ?? projectDir;
  const rootDir = config.options.rootDir ?? projectDir;
  for (const file of config.fileNames) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: config.options, fileName: file });
    const out = path.join(outDir, path.relative(rootDir, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
  }
}

/**
 * Type-checks a TypeScript project with its own tsconfig, but with `skipLibCheck: false` for one
 * installed package: the project's files and the package's declarations are checked, other
 * libraries only as far as these use them (aws-cdk-lib's own declarations do not pass
 * `exactOptionalPropertyTypes`, which is theirs to fix, not the package's).
 */
export function typeCheck(projectDir: string, packageName: string): TypeCheckResult {
  const config = readConfig(projectDir, { skipLibCheck: false });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const inNodeModules = `${path.sep}node_modules${path.sep}`;
  const inPackage = `${inNodeModules}${packageName}${path.sep}`;
  const checked = program.getSourceFiles().filter((f) => !f.fileName.includes(inNodeModules) || f.fileName.includes(inPackage));
  const diagnostics = [
    ...config.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ];
  const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => projectDir, getNewLine: () => '\n' };
  return {
    errors: diagnostics.map((d) => ts.formatDiagnostic(d, formatHost).trim()),
    packageFiles: checked.map((f) => f.fileName).filter((f) => f.includes(inPackage)),
    options: config.options,
  };
}
