/**
 * `distq.newConfig`: asks the wizard's questions (or takes the test seam's answers, see
 * newConfigAnswers.ts), proposes mappings from the models, writes NAME.distq.json and
 * opens it.
 *
 * No "$schema" is written: package.json's jsonValidation already maps *.distq.json to the
 * extension's schema, and any path written here would be wrong elsewhere (a relative path
 * cannot reach the extension's folder from the user's, and an absolute file URI names this
 * machine's versioned install folder, which breaks on update, on another machine and
 * when the config is committed).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DescriptionCache, DescriptionResult } from './descriptionCache.ts';
import { proposeLayerMappings, proposeSelfMappings } from './mappingProposal.ts';
import { answersProblem, studentPathOf, type NewConfigAnswers } from './newConfigAnswers.ts';
import { dataValue, newConfigText, type MappingProposal } from './newConfigText.ts';
import { readStudent, type ModelEvaluationSource } from './studentReading.ts';
import { askNewConfigAnswers, defaultConfigFile, type WizardStart } from './newConfigWizard.ts';

export interface NewConfigDependencies {
  cache: DescriptionCache;
  evaluations: ModelEvaluationSource;
  isTrusted(): boolean;
}

/** Explorer/context passes the clicked resource (a folder or an .onnx); the palette passes nothing. */
async function wizardStart(target: unknown): Promise<WizardStart> {
  if (!(target instanceof vscode.Uri) || target.scheme !== 'file') return {};
  if (target.fsPath.toLowerCase().endsWith('.onnx')) return { teacher: target.fsPath };
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.type & vscode.FileType.Directory) return { folder: target.fsPath };
  } catch {
    // A resource that vanished: start without it.
  }
  return {};
}

/** The seam's answers, when the second argument carries them (explorer/context passes an array of Uris there). */
function seamAnswers(options: unknown): unknown {
  if (typeof options !== 'object' || options === null || Array.isArray(options) || !('answers' in options)) return undefined;
  return (options as { answers: unknown }).answers;
}

async function proposeMappings(answers: NewConfigAnswers, dependencies: NewConfigDependencies): Promise<MappingProposal> {
  if (answers.distillation !== 'intermediate' && answers.distillation !== 'self') return {};
  if (!dependencies.isTrusted()) return { unavailable: 'the workspace is not trusted, so DistQ did not read the models to propose them.' };
  const describe = (file: string): Promise<DescriptionResult> => dependencies.cache.get(file);
  const studentPath = studentPathOf(answers);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'DistQ: reading the models' }, async (): Promise<MappingProposal> => {
    const student = await describe(studentPath);
    if ('error' in student) return { unavailable: `DistQ could not read ${path.basename(studentPath)} (${student.error}).` };
    if (answers.distillation === 'self') return { selfMappings: proposeSelfMappings(student.description) };
    const teacher = answers.teacher === studentPath ? student : await describe(answers.teacher);
    if ('error' in teacher) return { unavailable: `DistQ could not read ${path.basename(answers.teacher)} (${teacher.error}).` };
    return { layerMappings: proposeLayerMappings(student.description, teacher.description) };
  });
}

/** Runs the command; resolves to the written config, or undefined when cancelled. */
export async function runNewConfig(target: unknown, options: unknown, dependencies: NewConfigDependencies): Promise<vscode.Uri | undefined> {
  const start = await wizardStart(target);
  const given = seamAnswers(options);
  let answers: NewConfigAnswers | undefined;
  if (given !== undefined) {
    const problem = answersProblem(given);
    if (problem) throw new Error(`distq.newConfig: ${problem}`);
    answers = given as NewConfigAnswers;
  } else {
    answers = await askNewConfigAnswers(start);
  }
  if (!answers) return undefined;
  const file = answers.file ?? defaultConfigFile(studentPathOf(answers), start.folder);
  const proposal = await proposeMappings(answers, dependencies);
  const student = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'DistQ: evaluating the student' }, () =>
    readStudent(studentPathOf(answers), dataValue(answers.data, (absolute) => absolute), dependencies.evaluations, dependencies.isTrusted));
  const text = newConfigText({ ...answers, file }, proposal, student);
  const uri = vscode.Uri.file(file);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri);
  return uri;
}
