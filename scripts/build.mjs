// Bundles the engine (and, when present, the extension and webview) with esbuild.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const quiet = process.argv.includes('--quiet');
const bundles = [
  {
    entryPoints: [path.join(root, 'engine/cli/main.ts')],
    outfile: path.join(root, 'dist/engine.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['onnxruntime-node', 'mnist'],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The library entry (prepareCompression and friends) for users' own training loops.
    entryPoints: [path.join(root, 'engine/index.ts')],
    outfile: path.join(root, 'dist/distq.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['onnxruntime-node', 'mnist'],
  },
  {
    // The VS Code host side. vscode-jsonrpc is bundled; the engine runs in its own process (dist/engine.js).
    entryPoints: [path.join(root, 'extension/extension.ts')],
    outfile: path.join(root, 'dist/extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'onnxruntime-node'],
  },
  {
    // The panels' browser code (webview/); esbuild also writes dist/webview.css from the CSS it imports.
    entryPoints: [path.join(root, 'webview/main.ts')],
    outfile: path.join(root, 'dist/webview.js'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
  },
];
const started = Date.now();
for (const options of bundles) {
  if (!fs.existsSync(options.entryPoints[0])) continue;
  await esbuild.build({ bundle: true, sourcemap: 'linked', logLevel: 'warning', ...options });
}
if (!quiet) console.log(`built ${bundles.map((b) => path.relative(root, b.outfile)).join(', ')} in ${Date.now() - started} ms`);
