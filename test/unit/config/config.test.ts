import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { distqJsonSchema } from '../../../engine/config/jsonSchema.ts';
import { ConfigError, loadConfig, parseConfigText } from '../../../engine/config/loadConfig.ts';
import { parseJsonc } from '../../../engine/config/jsonc.ts';

const root = path.resolve(__dirname, '../../..');

function issuesOf(text: string): string {
  try {
    parseConfigText(text, 'test.distq.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('the config was accepted');
}

describe('config', () => {
  it('schemas/distq.schema.json is generated from the TypeScript definition (npm run schema)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'schemas/distq.schema.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(committed, distqJsonSchema());
  });

  it('every example config is valid', () => {
    const folder = path.join(root, 'examples/mnist');
    const configs = fs.readdirSync(folder).filter((f) => f.endsWith('.distq.json')).map((f) => loadConfig(path.join(folder, f)));
    assert.ok(configs.length >= 2);
    // A model is either shipped or written by another example (the trained teacher).
    const written = new Set(configs.flatMap((c) => (c.config.output.model ? [path.resolve(c.folder, c.config.output.model)] : [])));
    for (const loaded of configs) {
      for (const model of [loaded.config.model, loaded.config.teacher].filter((m) => m !== undefined)) {
        const file = path.resolve(loaded.folder, model.path);
        assert.ok(fs.existsSync(file) || written.has(file), `${loaded.file}: ${model.path} is shipped or made by another example`);
      }
    }
  });

  it('fills defaults', () => {
    const config = parseConfigText('{ "name": "a", "model": { "path": "m.onnx" }, "data": { "kind": "mnist" } }', 'x');
    assert.equal(config.training.batchSize, 128);
    assert.equal(config.training.optimizer.kind, 'sgd');
    assert.equal(config.output.runsFolder, 'runs');
  });

  it('names the field of a wrong value, with the allowed values', () => {
    const message = issuesOf('{ "name": "a", "model": { "path": "m.onnx" }, "data": { "kind": "mnist" }, "training": { "optimizer": { "kind": "rmsprop" } } }');
    assert.match(message, /training\.optimizer\.kind should be one of 'sgd', 'adam', 'adamw', not "rmsprop"/);
  });

  it('suggests the nearest known setting for a misspelt one', () => {
    assert.match(issuesOf('{ "name": "a", "model": { "path": "m.onnx" }, "data": { "kind": "mnist" }, "training": { "epocs": 3 } }'), /training\.epocs is not a known setting; did you mean 'epochs'\?/);
  });

  it('reports missing required fields and the data kind', () => {
    assert.match(issuesOf('{ "name": "a", "data": { "kind": "csv" } }'), /model is required/);
    assert.match(issuesOf('{ "name": "a", "model": { "path": "m.onnx" }, "data": { "kind": "csv" } }'), /data\.kind should be one of 'mnist', 'npz', 'npy', 'spamassassin', 'tokens', not "csv"/);
  });

  it('rejects out-of-range numbers', () => {
    assert.match(issuesOf('{ "name": "a", "model": { "path": "m.onnx" }, "data": { "kind": "mnist" }, "training": { "batchSize": 0 } }'), /training\.batchSize should be at least 1, not 0/);
  });

  it('reads comments and trailing commas, and places syntax errors', () => {
    assert.deepEqual(parseJsonc('{\n  // a comment\n  "a": [1, 2,], /* block */ "b": "x // not a comment",\n}'), { a: [1, 2], b: 'x // not a comment' });
    assert.match(issuesOf('{\n  "name": "a"\n  "model": {}\n}'), /line 3, column 3/);
  });

  it('resolves relative paths against the config folder, not the working directory', () => {
    const loaded = loadConfig(path.join(root, 'examples/mnist/cnn.distq.json'));
    assert.equal(loaded.folder, path.join(root, 'examples/mnist'));
  });
});
