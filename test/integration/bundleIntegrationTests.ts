/**
 * Compiles the extension tests for the extension host, which runs JavaScript: the mocha entry
 * (index.ts, with mocha bundled in) and each suite as its own file, all with `vscode` external, into
 * a folder of this run under dist-test/ (runs of other checkouts' users on a shared machine must not
 * delete each other's files).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleAliases } from '../../scripts/bundleAliases.mjs';

const integrationFolder = import.meta.dirname;
const repositoryRoot = path.resolve(integrationFolder, '../..');

/** Suites share mocha's globals (`suite`, `test`, `setup`…) set by the entry; a second bundled mocha would not run them. */
const noMochaImportInSuites: esbuild.Plugin = {
  name: 'no-mocha-import-in-suites',
  setup(build) {
    build.onResolve({ filter: /^mocha$/ }, (args) => ({
      errors: [{ text: `${path.relative(repositoryRoot, args.importer)}: use mocha's tdd globals (suite, test, setup, teardown), do not import 'mocha'` }],
    }));
  },
};

export interface IntegrationBundle {
  /** The compiled index.ts: test-electron's extensionTestsPath. */
  readonly extensionTestsPath: string;
  /** File names of the compiled suites. */
  readonly suiteFiles: readonly string[];
  remove(): void;
}

export async function bundleIntegrationTests(): Promise<IntegrationBundle> {
  const parent = path.join(repositoryRoot, 'dist-test');
  fs.mkdirSync(parent, { recursive: true });
  const integrationOutputFolder = fs.mkdtempSync(path.join(parent, 'integration-'));
  const suitesFolder = path.join(integrationFolder, 'suites');
  const suites = fs.existsSync(suitesFolder)
    ? fs.readdirSync(suitesFolder).filter((name) => name.endsWith('.test.ts')).map((name) => path.join(suitesFolder, name))
    : [];
  const common: esbuild.BuildOptions = {
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
    external: ['vscode'], alias: bundleAliases, logLevel: 'error',
  };
  await esbuild.build({ ...common, entryPoints: [path.join(integrationFolder, 'index.ts')], outfile: path.join(integrationOutputFolder, 'index.js') });
  if (suites.length > 0) {
    await esbuild.build({ ...common, entryPoints: suites, outdir: path.join(integrationOutputFolder, 'suites'), plugins: [noMochaImportInSuites] });
  }
  const suitesOutput = path.join(integrationOutputFolder, 'suites');
  return {
    extensionTestsPath: path.join(integrationOutputFolder, 'index.js'),
    suiteFiles: fs.existsSync(suitesOutput) ? fs.readdirSync(suitesOutput) : [],
    remove: () => fs.rmSync(integrationOutputFolder, { recursive: true, force: true }),
  };
}
