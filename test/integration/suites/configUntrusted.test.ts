/// <reference types="mocha" />
/**
 * Config authoring in an untrusted workspace: no model is described (no engine starts),
 * a config says why its names are not checked, and New Config still writes a config,
 * leaving the mappings to fill in.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import { parseJsonc } from '../../../engine/config/jsonc.ts';
import { UNTRUSTED_MESSAGE } from '../../../extension/configAuthoring/configIssues.ts';
import type { NewConfigAnswers } from '../../../extension/configAuthoring/newConfigAnswers.ts';
import { activateDistq, fixture, waitFor } from './coreSupport.ts';

suite('config authoring (untrusted workspace)', function () {
  this.timeout(60_000);
  let api: DistqApi;
  let folder: string;
  const written: string[] = [];

  suiteSetup(async () => {
    // The harness loads *untrusted* suites only in the untrusted workspace (docs/testing.md).
    assert.ok(!vscode.workspace.isTrusted, 'the untrusted config suite runs in an untrusted workspace');
    api = await activateDistq();
    folder = path.dirname((await fixture('authoring/student.onnx')).fsPath);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of written) fs.rmSync(file, { force: true });
  });

  test('a config gets one information diagnostic saying why names are not checked, and no engine starts', async () => {
    const file = path.join(folder, 'untrusted.distq.json');
    written.push(file);
    fs.writeFileSync(file, '{ "name": "u", "model": { "path": "student.onnx" }, "teacher": { "path": "teacher.onnx" }, "data": { "kind": "mnist" },\n  "distillation": { "kind": "intermediate", "layerMappings": [{ "student": "relu1_ot", "teacher": "nope" }] } }\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'DistQ');
    await waitFor('the untrusted-workspace diagnostic', () => ours().length > 0);
    const [diagnostic, ...others] = ours();
    assert.deepEqual(others, [], 'no name diagnostics');
    assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(diagnostic?.message, UNTRUSTED_MESSAGE);
    assert.equal(diagnostic?.range.start.line, 0);

    const position = document.positionAt(document.getText().indexOf('relu1_ot') + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    assert.ok(!list.items.some((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'relu1_out'), 'no tensor names without reading the model');
    assert.equal(api.engineState(), 'notStarted');
  });

  test('New Config writes an intermediate-layer config with the mappings left to fill in, saying why', async () => {
    const file = path.join(folder, 'untrusted-seam.distq.json');
    written.push(file);
    const answers: NewConfigAnswers = { teacher: path.join(folder, 'teacher.onnx'), student: path.join(folder, 'student.onnx'), data: { kind: 'mnist' }, distillation: 'intermediate', precision: { weightBits: 8, activationBits: 8 }, file };
    await vscode.commands.executeCommand('distq.newConfig', undefined, { answers });
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /Fill in pairs of tensor names \(student, teacher\): the workspace is not trusted/);
    assert.deepEqual((parseJsonc(text) as { distillation: { layerMappings: unknown[] } }).distillation.layerMappings, []);
    // Nor is the student evaluated: the fine-tune schedule, saying why.
    assert.match(text.split('\n').filter((line) => line.trim().startsWith('//')).map((line) => line.trim().slice(3)).join(' '), /a short fine-tune, assuming the student is trained: DistQ could not evaluate it \(the workspace is not trusted, so DistQ did not run it\)/);
    assert.equal(api.engineState(), 'notStarted');
  });
});
