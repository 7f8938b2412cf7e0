/**
 * The import boundaries between the top-level folders (README, layout): the engine runs without VS Code,
 * the webview is browser code that displays, the contracts are shared by all three and import nothing.
 * Every import, export-from and dynamic import() of every .ts file is checked.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
const CHECKED_FOLDERS = ['engine', 'extension', 'webview', 'contracts'];
/** The browser packages the webview bundles (package.json); the toolkit only through webview/components/. */
const WEBVIEW_PACKAGES = ['@vscode/webview-ui-toolkit', 'uplot'];

interface ImportEdge {
  /** Repository-relative, with `/`. */
  file: string;
  specifier: string;
  /** The repository-relative file a relative specifier points to; undefined for a package. */
  target?: string;
}

interface Rule {
  /** What the rule says, as the failure shows it. */
  name: string;
  appliesTo(file: string): boolean;
  allows(edge: ImportEdge): boolean;
}

function isUnder(file: string | undefined, folder: string): boolean {
  return file !== undefined && (file === folder || file.startsWith(`${folder}/`));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const RULES: readonly Rule[] = [
  {
    name: 'the engine never imports vscode, the extension or the webview',
    appliesTo: (file) => isUnder(file, 'engine'),
    allows: (edge) => edge.specifier !== 'vscode' && !isUnder(edge.target, 'extension') && !isUnder(edge.target, 'webview'),
  },
  {
    name: `the webview imports only its own files, the contracts and its browser packages (${WEBVIEW_PACKAGES.join(', ')})`,
    appliesTo: (file) => isUnder(file, 'webview'),
    allows: (edge) => (edge.target === undefined ? WEBVIEW_PACKAGES.includes(packageName(edge.specifier)) : isUnder(edge.target, 'webview') || isUnder(edge.target, 'contracts')),
  },
  {
    name: 'the contracts import only other contracts (no node:, no packages)',
    appliesTo: (file) => isUnder(file, 'contracts'),
    allows: (edge) => isUnder(edge.target, 'contracts'),
  },
  {
    name: 'the extension imports no engine file (what both sides need lives in contracts/)',
    appliesTo: (file) => isUnder(file, 'extension'),
    allows: (edge) => !isUnder(edge.target, 'engine'),
  },
  {
    name: 'the live run does not depend on the run history (the history may depend on the live run)',
    appliesTo: (file) => isUnder(file, 'extension/liveRun'),
    allows: (edge) => !isUnder(edge.target, 'extension/runHistory'),
  },
];

/** The module specifiers of a source text: static imports and exports, `import x = require()`, dynamic `import()`; not comments or strings. */
function importSpecifiers(sourceText: string): string[] {
  return ts.preProcessFile(sourceText, true, true).importedFiles.map((reference) => reference.fileName);
}

function edgesOf(file: string, sourceText: string): ImportEdge[] {
  return importSpecifiers(sourceText).map((specifier) => {
    if (!specifier.startsWith('.')) return { file, specifier };
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return { file, specifier, target };
  });
}

interface Violation {
  edge: ImportEdge;
  rule: Rule;
}

function violationsOf(edges: readonly ImportEdge[]): Violation[] {
  return edges.flatMap((edge) => RULES.filter((rule) => rule.appliesTo(edge.file) && !rule.allows(edge)).map((rule) => ({ edge, rule })));
}

function describeViolation({ edge, rule }: Violation): string {
  return `${edge.file} imports '${edge.specifier}': ${rule.name}`;
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('import boundaries', () => {
  it('finds static, type-only, re-exported and dynamic imports, and not those in comments or strings', () => {
    const source = [
      "import type { A } from './a.ts';",
      "import { b } from '../b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('./d.ts');",
      "// import { e } from './commented.ts';",
      "const text = \"import('./quoted.ts')\";",
    ].join('\n');
    assert.deepEqual(importSpecifiers(source), ['./a.ts', '../b.ts', './c.ts', './d.ts']);
  });

  it('reports a broken rule with the file and the import', () => {
    const edges = [
      ...edgesOf('engine/run/x.ts', "import * as vscode from 'vscode';"),
      ...edgesOf('webview/x.ts', "import { f } from '../extension/panels/y.ts';\nimport * as fs from 'node:fs';\nimport uPlot from 'uplot';"),
      ...edgesOf('contracts/x.ts', "import * as path from 'node:path';\nimport type { Z } from './z.ts';"),
      ...edgesOf('extension/panels/x.ts', "const m = await import('../../engine/commands/run.ts');"),
      ...edgesOf('extension/liveRun/x.ts', "import type { S } from '../runHistory/runFolderState.ts';"),
      ...edgesOf('extension/runHistory/x.ts', "import type { A } from '../liveRun/runController.ts';"),
    ];
    assert.deepEqual(violationsOf(edges).map(({ edge }) => [edge.file, edge.specifier]), [
      ['engine/run/x.ts', 'vscode'],
      ['webview/x.ts', '../extension/panels/y.ts'],
      ['webview/x.ts', 'node:fs'],
      ['contracts/x.ts', 'node:path'],
      ['extension/panels/x.ts', '../../engine/commands/run.ts'],
      ['extension/liveRun/x.ts', '../runHistory/runFolderState.ts'],
    ]);
    assert.match(describeViolation(violationsOf(edges)[0]!), /^engine\/run\/x\.ts imports 'vscode': the engine never imports vscode/);
  });

  it('holds for every file of the engine, the extension, the webview and the contracts', () => {
    const files = CHECKED_FOLDERS.flatMap(sourceFiles);
    assert.ok(files.length > 100, `found only ${files.length} source files under ${CHECKED_FOLDERS.join(', ')}`);
    const violations = violationsOf(files.flatMap((file) => edgesOf(file, fs.readFileSync(path.join(root, file), 'utf8')))).map(describeViolation);
    assert.deepEqual(violations, [], `imports across a boundary:\n${violations.join('\n')}`);
  });
});
