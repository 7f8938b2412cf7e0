// Bundles the engine, its library entry, the extension and the webview with esbuild.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { bundleAliases } from './bundleAliases.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const quiet = process.argv.includes('--quiet');
/** A CommonJS bundle for Node; `external` lists what stays in node_modules at run time. */
const nodeBundle = (entry, outfile, external, extra = {}) => ({
  entryPoints: [path.join(root, entry)],
  outfile: path.join(root, outfile),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  alias: bundleAliases,
  ...extra,
});

const bundles = [
  nodeBundle('engine/cli/main.ts', 'dist/engine.js', ['onnxruntime-node', 'mnist'], { banner: { js: '#!/usr/bin/env node' } }),
  // The library entry (prepareCompression and friends) for users' own training loops.
  nodeBundle('engine/index.ts', 'dist/distq.js', ['onnxruntime-node', 'mnist']),
  // The VS Code host side. vscode-jsonrpc is bundled; the engine runs in its own process (dist/engine.js).
  nodeBundle('extension/extension.ts', 'dist/extension.js', ['vscode', 'onnxruntime-node']),
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
  await esbuild.build({ bundle: true, sourcemap: 'linked', logLevel: 'warning', ...options });
}
if (!quiet) console.log(`built ${bundles.map((b) => path.relative(root, b.outfile)).join(', ')} in ${Date.now() - started} ms`);
