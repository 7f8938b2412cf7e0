/// <reference types="mocha" />
/**
 * Config authoring in a trusted workspace: the New Config command through its test
 * seam, tensor-name completion, hover, diagnostics and the quick fix, against the
 * fixture models of test/fixtures/workspace/authoring (make.ts there writes them).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConfigText } from '../../../engine/config/loadConfig.ts';
import type { NewConfigAnswers } from '../../../extension/configAuthoring/newConfigAnswers.ts';
import { settingOfMessage } from '../../../contracts/configSettingPath.ts';
import { revealConfigSetting } from '../../../extension/configs/revealConfigSetting.ts';
import { activateDistq, fixture, waitFor } from './coreSupport.ts';

/** Outputs of the fixture student (teacher: the same names, twice the channels). */
const STUDENT_TENSORS = ['input', 'conv1_out', 'relu1_out', 'maxpool1_out', 'conv2_out', 'relu2_out', 'maxpool2_out', 'flatten1_out', 'logits'];

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('config authoring (trusted workspace)', function () {
  this.timeout(120_000);
  let folder: string;
  const written: string[] = [];

  /** Writes a config into the fixture folder and opens it. */
  async function openConfig(name: string, text: string): Promise<vscode.TextDocument> {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    written.push(file);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    return document;
  }

  function mappingConfig(student: string, teacher: string): string {
    return `{
  "name": "mapping",
  "model": { "path": "student.onnx" },
  "teacher": { "path": "teacher.onnx" },
  "data": { "kind": "mnist" },
  "distillation": {
    "kind": "intermediate",
    "layerMappings": [
      { "student": "${student}", "teacher": "${teacher}" }
    ]
  }
}
`;
  }

  /** The position just inside the quotes of the first string value following `key` in the text. */
  function insideValueOf(document: vscode.TextDocument, key: string, after = 0): vscode.Position {
    const text = document.getText();
    const keyAt = text.indexOf(`"${key}"`, after);
    assert.ok(keyAt >= 0, `"${key}" is in the config`);
    const quote = text.indexOf('"', text.indexOf(':', keyAt) + 1);
    return document.positionAt(quote + 1);
  }

  suiteSetup(async () => {
    // The harness loads this suite only in the trusted workspace (docs/testing.md); anything else is a harness fault.
    assert.ok(vscode.workspace.isTrusted, 'the config suite runs in a trusted workspace');
    await activateDistq();
    folder = path.dirname((await fixture('authoring/student.onnx')).fsPath);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of written) fs.rmSync(file, { force: true });
  });

  test('New Config through its test seam writes a valid intermediate-layer config with proposed mappings, and opens it', async () => {
    const file = path.join(folder, 'seam.distq.json');
    written.push(file);
    const answers: NewConfigAnswers = {
      teacher: path.join(folder, 'teacher.onnx'),
      student: path.join(folder, 'student.onnx'),
      data: { kind: 'mnist' },
      distillation: 'intermediate',
      precision: { weightBits: 4, activationBits: 8 },
      file,
    };
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('distq.newConfig', undefined, { answers });
    assert.equal(uri?.fsPath, file);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^\/\/ DistQ config: /, 'a header comment');
    const config = parseConfigText(text, file);
    assert.equal(config.name, 'seam');
    assert.equal(config.model.path, 'student.onnx');
    assert.equal(config.teacher?.path, 'teacher.onnx');
    assert.equal(config.quantization?.weights.bits, 4);
    assert.equal(config.quantization?.activations.bits, 8);
    const mappings = config.distillation?.layerMappings ?? [];
    assert.deepEqual(mappings.map((m) => m.student), ['relu1_out', 'maxpool1_out', 'relu2_out', 'maxpool2_out', 'logits']);
    assert.deepEqual(mappings.map((m) => m.teacher), ['relu1_out', 'maxpool1_out', 'relu2_out', 'maxpool2_out', 'logits']);
    await waitFor('the new config in the editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === file);
  });

  test('New Config with the same model as student writes pure QAT of the teacher', async () => {
    const file = path.join(folder, 'same.distq.json');
    written.push(file);
    const answers: NewConfigAnswers = { teacher: path.join(folder, 'teacher.onnx'), student: 'same', data: { kind: 'mnist' }, distillation: 'kd', precision: { weightBits: 8, activationBits: 8 }, file };
    await vscode.commands.executeCommand('distq.newConfig', undefined, { answers });
    const text = fs.readFileSync(file, 'utf8');
    const config = parseConfigText(text, file);
    assert.equal(config.model.path, 'teacher.onnx');
    assert.equal(config.teacher?.path, 'teacher.onnx');
    assert.equal(config.distillation?.kind, 'kd');
    // The fixture's models are untrained: the wizard evaluates the student and trains it from scratch.
    assert.match(text.split('\n').filter((line) => line.trim().startsWith('//')).map((line) => line.trim().slice(3)).join(' '), /Training from scratch: the student scores [\d.]+ % on 1,000 test examples, near chance/);
    assert.equal(config.training.epochs, 8);
    assert.equal(config.training.optimizer.learningRate, 0.05);
  });

  /** Runs a command that opens quick inputs, calling `step` until the command ends (a quick input may open late). */
  async function driveQuickInputs<T>(command: Thenable<T>, step: string): Promise<T> {
    let done = false;
    const result = Promise.resolve(command).finally(() => {
      done = true;
    });
    for (let i = 0; i < 100 && !done; i++) {
      await vscode.commands.executeCommand(step);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return result;
  }

  test('the wizard writes nothing when closed with Escape', async () => {
    const before = fs.readdirSync(folder).sort();
    const result = await driveQuickInputs(vscode.commands.executeCommand<vscode.Uri | undefined>('distq.newConfig', vscode.Uri.file(folder)), 'workbench.action.closeQuickOpen');
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(folder).sort(), before);
  });

  test('the wizard, started on an .onnx in the explorer, preselects it as the teacher and writes a config with the defaults', async () => {
    const file = path.join(folder, 'teacher.distq.json');
    written.push(file);
    const teacher = vscode.Uri.file(path.join(folder, 'teacher.onnx'));
    const result = await driveQuickInputs(vscode.commands.executeCommand<vscode.Uri | undefined>('distq.newConfig', teacher), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(result?.fsPath, file);
    const config = parseConfigText(fs.readFileSync(file, 'utf8'), file);
    assert.equal(config.model.path, 'teacher.onnx', 'the same model: pure QAT of the teacher');
    assert.equal(config.teacher?.path, 'teacher.onnx');
    assert.equal(config.distillation?.kind, 'kd');
    assert.equal(config.quantization?.weights.bits, 8);
  });

  test('completes layerMappings[0].student with the student\'s real tensor names and shapes', async () => {
    const document = await openConfig('complete.distq.json', mappingConfig('', ''));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, insideValueOf(document, 'student'));
    const ours = list.items.filter((item) => STUDENT_TENSORS.includes(labelOf(item)));
    assert.deepEqual(ours.map(labelOf).sort(), [...STUDENT_TENSORS].sort());
    assert.ok(!list.items.some((item) => labelOf(item) === 'conv1.weight'), 'weights are not offered');
    const relu = ours.find((item) => labelOf(item) === 'relu1_out');
    assert.equal(relu?.detail, '[N, 4, 28, 28] · Relu');

    const teacherList = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, insideValueOf(document, 'teacher', document.getText().indexOf('layerMappings')));
    assert.equal(teacherList.items.find((item) => labelOf(item) === 'relu1_out')?.detail, '[N, 8, 28, 28] · Relu', 'teacher names come from teacher.onnx');
  });

  test('completes node names as keys of quantization.layers, flags an unknown one, and the schema flags bits out of range', async () => {
    const document = await openConfig('layers.distq.json', `{
  "name": "layers",
  "model": { "path": "student.onnx" },
  "data": { "kind": "mnist" },
  "quantization": {
    "layers": {
      "": { "weights": { "bits": 4 } },
      "conv_2": "float",
      "conv1": { "activations": { "bits": 9 } }
    }
  }
}
`);
    const keyAt = document.getText().indexOf('"": {');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(keyAt + 1));
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('conv1') && labels.includes('conv2'), `node names offered: ${labels.join(', ')}`);
    assert.equal(list.items.find((item) => labelOf(item) === 'conv2')?.kind, vscode.CompletionItemKind.Function);
    const known = document.getText().indexOf('"conv1": {');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(known + 3));
    assert.match(hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /Conv/, 'hovering a key shows the node');
    const unknown = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'DistQ' && d.code === 'unknown-name' && d.message.includes('conv_2'));
    await waitFor('the unknown-name diagnostic on a layers key', () => unknown() !== undefined);
    assert.equal(unknown()!.message, "'conv_2' is not a node of student.onnx; did you mean 'conv2'?");
    assert.equal(document.getText(unknown()!.range), '"conv_2"');
    const outOfRange = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(document.uri).find((d) => d.source !== 'DistQ' && /8/.test(d.message) && document.getText(d.range) === '9');
    await waitFor('the schema diagnostic on bits above the maximum', () => outOfRange() !== undefined);
  });

  test('hovering a mapped tensor shows its shape and producing node', async () => {
    const document = await openConfig('hover.distq.json', mappingConfig('maxpool1_out', 'maxpool1_out'));
    const position = insideValueOf(document, 'student').translate(0, 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /maxpool1_out/);
    assert.match(text, /\[N, 4, 14, 14\]/);
    assert.match(text, /MaxPool/);
  });

  test('a wrong tensor name gets a diagnostic naming the model and the nearest real name, and a quick fix', async () => {
    const document = await openConfig('wrong.distq.json', mappingConfig('relu1_ot', 'relu1_out'));
    const unknown = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'DistQ' && d.code === 'unknown-name');
    await waitFor('the unknown-name diagnostic', () => unknown() !== undefined);
    const diagnostic = unknown()!;
    assert.equal(diagnostic.message, "'relu1_ot' is not a tensor of student.onnx; did you mean 'relu1_out'?");
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic.range), '"relu1_ot"');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === "Replace with 'relu1_out'");
    assert.ok(fix?.edit, 'a quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /"student": "relu1_out"/);
    await waitFor('the diagnostic to clear after the fix', () => unknown() === undefined);
  });

  test('file settings complete the files beside the config, and a missing file gets a quick fix to the nearest one', async () => {
    const document = await openConfig('paths.distq.json', mappingConfig('relu1_out', 'relu1_out').replace('"path": "student.onnx"', '"path": "studnet.onnx"'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, insideValueOf(document, 'path'));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('student.onnx') && labels.includes('teacher.onnx'), labels.join(', '));
    assert.ok(!labels.some((label) => label.endsWith('.distq.json')), 'only .onnx files are offered for a model');

    const missing = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'missing-file');
    await waitFor('the missing-file diagnostic', () => missing() !== undefined);
    const diagnostic = missing()!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === "Replace with 'student.onnx'");
    assert.ok(fix?.edit, `a quick fix to student.onnx among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the diagnostic to clear after the fix', () => missing() === undefined);
  });

  test('running a config with errors in the Problems panel asks first, and starts nothing unless told to', async () => {
    const api = await activateDistq();
    const document = await openConfig('gated.distq.json', mappingConfig('relu1_ot', 'relu1_out'));
    await waitFor('the unknown-name diagnostic', () => vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-name'));
    const started = vscode.commands.executeCommand<string | undefined>('distq.run', document.uri);
    await waitFor('the question before the run', () => /^gated\.distq\.json has a problem \(line \d+: 'relu1_ot' is not a tensor of student\.onnx.*\)\. Run it anyway\?$/.test(api.lastMessage()?.text ?? ''));
    assert.deepEqual(api.lastMessage()?.actions, ['Run Anyway', 'Show Problems']);
    assert.equal(api.activeRun(), undefined, 'no run starts while the question is open');
    // Dismissing the question (as closing the notification does) starts nothing.
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await started, undefined);
    assert.equal(api.activeRun(), undefined);
  });

  test('a run that fails because of a config setting offers "Go to Problem", which selects that setting', async () => {
    const api = await activateDistq();
    const text = mappingConfig('relu1_out', 'relu1_out').replace('"kind": "intermediate"', '"kind": "kd", "lossTypes": ["KL", "KL"]').replace(/,\s*"layerMappings": \[[^\]]*\]/, '');
    const document = await openConfig('badloss.distq.json', text);
    const before = api.messages().length;
    await vscode.commands.executeCommand('distq.run', document.uri);
    await waitFor('the failure', () => api.messages().slice(before).some((m) => m.severity === 'error'), 60_000);
    const failure = api.messages().slice(before).find((m) => m.severity === 'error')!;
    assert.match(failure.text, /^DistQ run badloss failed: distillation\.lossTypes\[0\]: 'KL' is not a loss against labels/);
    assert.deepEqual(failure.actions, ['Go to Problem', 'Show Log']);
    // What the button does, without a click the API cannot make.
    const editor = await revealConfigSetting(document.uri.fsPath, settingOfMessage(failure.text.replace(/^DistQ run badloss failed: /, ''))!);
    assert.equal(editor.document.getText(editor.selection), '"KL"');
    assert.equal(editor.document.offsetAt(editor.selection.start), document.getText().indexOf('"KL"'));
  });

  test('shapes no matcher bridges, missing files and a kind without its mappings are reported', async () => {
    const document = await openConfig('shapes.distq.json', mappingConfig('relu1_out', 'maxpool1_out').replace('"data": { "kind": "mnist" }', '"data": { "kind": "npz", "path": "missing.npz" }'));
    const messages = async (): Promise<string[]> => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'DistQ').map((d) => d.message);
    await waitFor('shape and file diagnostics', async () => (await messages()).length >= 2);
    const found = await messages();
    assert.ok(found.some((m) => /relu1_out → maxpool1_out: the student tensor \[N, 4, 28, 28\] and the teacher tensor \[N, 8, 14, 14\] differ in 3 dimensions/.test(m)), found.join('\n'));
    assert.ok(found.some((m) => /^missing\.npz does not exist/.test(m)), found.join('\n'));

    const noMappings = await openConfig('nomappings.distq.json', '{ "name": "n", "model": { "path": "student.onnx" }, "teacher": { "path": "teacher.onnx" }, "data": { "kind": "mnist" }, "distillation": { "kind": "intermediate" } }');
    await waitFor('the invalid-combination diagnostic', () => vscode.languages.getDiagnostics(noMappings.uri).some((d) => d.code === 'invalid-combination'));
  });
});
