import * as path from 'node:path';
import * as ts from 'typescript';

export interface TypeCheckResult {
  /** Every error in the project's own files and in the named package's files, formatted as tsc prints them. */
  readonly errors: readonly string[];
  /** The package's files that were checked (its `.d.ts`). */
  readonly packageFiles: readonly string[];
}

export interface TypeScriptProject {
  /** The compiler options of the project's tsconfig (with `skipLibCheck: false`). */
  readonly options: ts.CompilerOptions;
  /** Writes the project's JavaScript (its `outDir`). */
  readonly emit: () => void;
  readonly check: () => TypeCheckResult;
}

/**
 * Loads a TypeScript project to emit it and type-check it with its own tsconfig, but with `skipLibCheck: false` for one
 * installed package: the project's files and the package's declarations are checked, other
 * libraries only as far as these use them (aws-cdk-lib's own declarations do not pass
 * `exactOptionalPropertyTypes`, which is theirs to fix, not the package's).
 */
export function loadProject(projectDir: string, packageName: string): TypeScriptProject {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(projectDir, 'tsconfig.json'), { skipLibCheck: false }, host);
  if (!config) throw new Error(`No tsconfig.json in ${projectDir}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const inPackage = `${path.sep}node_modules${path.sep}${packageName}${path.sep}`;
  const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => projectDir, getNewLine: () => '\n' };
  return {
    options: config.options,
    emit: () => {
      const result = program.emit();
      if (result.emitSkipped) throw new Error(`tsc emitted nothing for ${projectDir}`);
    },
    check: () => {
      const checked = program.getSourceFiles().filter((f) => !f.fileName.includes(`${path.sep}node_modules${path.sep}`) || f.fileName.includes(inPackage));
      const diagnostics = [
        ...config.errors,
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...checked.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
      ];
      return {
        errors: diagnostics.map((d) => ts.formatDiagnostic(d, formatHost).trim()),
        packageFiles: checked.map((f) => f.fileName).filter((f) => f.includes(inPackage)),
      };
    },
  };
}
