/**
 * The New Config wizard's questions: teacher, student, data, distillation kind,
 * precision, then the file name. Back returns to the previous question; Escape at any
 * question ends the wizard with nothing written (undefined).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { SAME_AS_TEACHER, studentPathOf, type DataAnswer, type DistillationKind, type NewConfigAnswers, type PrecisionAnswer } from './newConfigAnswers.ts';
import { DEFAULT_ACTIVATION_SCHEME, DEFAULT_WEIGHT_SCHEME, isSupportedBits, MAX_BITS, MIN_BITS, precisionLabel } from '../../contracts/quantizationScheme.ts';
import { BACK, CANCEL, pickStep, textStep, type PickItem, type StepOutcome, type StepPosition } from './quickInputSteps.ts';

const TITLE = 'New Distillation-for-Quantization Config';
const TOTAL_STEPS = 6;
const BROWSE = Symbol('browse');

export interface WizardStart {
  /** The .onnx the command was invoked on (preselected as the teacher). */
  teacher?: string;
  /** The folder the command was invoked on (where the config goes). */
  folder?: string;
}

type Draft = Partial<NewConfigAnswers>;
type Step = (draft: Draft, position: StepPosition) => Promise<StepOutcome<Draft>>;

function position(step: number): StepPosition {
  return { title: TITLE, step, totalSteps: TOTAL_STEPS, canGoBack: step > 1 };
}

async function workspaceModels(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles('**/*.onnx', '**/{node_modules,runs}/**', 500);
  return uris.map((u) => u.fsPath).sort();
}

/** Where a file is, as a user reads it: relative to its workspace folder (`./` at the folder itself), else the full path. */
function folderDescription(file: string): string {
  const folder = path.dirname(file);
  const root = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
  if (root === undefined) return folder;
  const relative = path.relative(root, folder);
  return relative === '' ? './' : relative.split(path.sep).join('/');
}

function modelItem(file: string): PickItem<string | typeof BROWSE> {
  return { label: `$(file) ${path.basename(file)}`, description: folderDescription(file), value: file };
}

const browseItem: PickItem<typeof BROWSE> = { label: '$(folder-opened) Browse…', description: 'an .onnx file anywhere', value: BROWSE };

async function browse(title: string, filters: Record<string, string[]>, near?: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    filters,
    canSelectMany: false,
    canSelectFolders: false,
    ...(near ? { defaultUri: vscode.Uri.file(near) } : {}),
  });
  return picked?.[0]?.fsPath;
}

/** A pick whose Browse… item opens a file dialog; a cancelled dialog asks the same question again. */
async function pickModel(draft: Draft, at: StepPosition, placeholder: string, extra: PickItem<string>[], preselected: string | undefined): Promise<StepOutcome<string>> {
  const models = await workspaceModels();
  // A model chosen earlier by Browse… stays on the list; a preselected extra item (Same model) is not a file.
  if (preselected && !models.includes(preselected) && !extra.some((item) => item.value === preselected)) models.unshift(preselected);
  const items = [...extra, ...models.map(modelItem), browseItem];
  for (;;) {
    const active = items.find((i) => i.value === preselected);
    const chosen = await pickStep<string | typeof BROWSE>(at, placeholder, items, active);
    if (chosen !== BROWSE) return chosen;
    const file = await browse('Choose an ONNX model', { 'ONNX models': ['onnx'] }, draft.teacher ?? preselected);
    if (file) return file;
  }
}

const teacherStep = (start: WizardStart): Step => async (draft, at) => {
  const teacher = await pickModel(draft, at, 'Teacher: the full-precision model whose knowledge guides QAT', [], draft.teacher ?? start.teacher);
  return typeof teacher === 'string' ? { ...draft, teacher } : teacher;
};

const studentStep: Step = async (draft, at) => {
  const same: PickItem<string> = { label: '$(copy) Same model', description: 'pure QAT of the teacher: it teaches its own quantized copy', value: SAME_AS_TEACHER };
  const student = await pickModel(draft, at, 'Student: the model to quantize', [same], draft.student ?? SAME_AS_TEACHER);
  if (typeof student !== 'string') return student;
  // Another student means another default file name.
  return student === draft.student ? draft : { ...draft, student, file: undefined };
};

async function browseNpy(role: string, near: string | undefined): Promise<string | undefined> {
  return browse(`Choose the .npy file of ${role}`, { 'NumPy arrays': ['npy'] }, near);
}

const dataStep: Step = async (draft, at) => {
  type DataKind = DataAnswer['kind'];
  const items: PickItem<DataKind>[] = [
    { label: '$(database) Built-in MNIST', description: '8,000 training and 2,000 test digits', value: 'mnist' },
    { label: '$(file-zip) An .npz file…', description: 'x_train, y_train, x_test, y_test', value: 'npz' },
    { label: '$(files) Four .npy files…', description: 'training inputs and labels, test inputs and labels', value: 'npy' },
    { label: '$(mail) Built-in SpamAssassin', description: 'ham vs spam mail, 4,840 / 1,206 messages, tokenized (text models)', value: 'spamassassin' },
    { label: '$(file-zip) A token .npz…', description: 'train_/test_ input_ids, attention_mask, labels', value: 'tokens' },
  ];
  const near = path.dirname(studentPathOf({ teacher: draft.teacher!, student: draft.student! }));
  for (;;) {
    const kind = await pickStep(at, 'Data: what the student trains and is evaluated on', items, items.find((i) => i.value === draft.data?.kind));
    if (kind === BACK || kind === CANCEL) return kind;
    if (kind === 'mnist' || kind === 'spamassassin') return { ...draft, data: { kind } };
    if (kind === 'npz' || kind === 'tokens') {
      const file = await browse(kind === 'npz' ? 'Choose the .npz file' : 'Choose the .npz file of token ids, masks and labels', { 'NumPy archives': ['npz'] }, near);
      if (file) return { ...draft, data: { kind, path: file } };
      continue;
    }
    const trainInputs = await browseNpy('training inputs', near);
    const trainLabels = trainInputs && await browseNpy('training labels', path.dirname(trainInputs));
    const testInputs = trainLabels && await browseNpy('test inputs', path.dirname(trainLabels));
    const testLabels = testInputs && await browseNpy('test labels', path.dirname(testInputs));
    if (trainInputs && trainLabels && testInputs && testLabels) return { ...draft, data: { kind, trainInputs, trainLabels, testInputs, testLabels } };
  }
};

const distillationStep: Step = async (draft, at) => {
  const items: PickItem<DistillationKind>[] = [
    { label: 'Knowledge distillation (KD)', description: 'learn from the teacher\'s softened logits', value: 'kd' },
    { label: 'Intermediate layers', description: 'match teacher tensors inside the network; pairs proposed from both models', value: 'intermediate' },
    { label: 'Self-distillation', description: 'the student\'s own logits teach its shallow blocks; no teacher; on a trained student it matched plain QAT without beating it, and it did not help a small student trained from scratch', value: 'self' },
    { label: 'None', description: 'plain QAT from the labels', value: 'none' },
  ];
  const kind = await pickStep(at, 'Distillation: how QAT is guided', items, items.find((i) => i.value === (draft.distillation ?? 'kd')));
  return kind === BACK || kind === CANCEL ? kind : { ...draft, distillation: kind };
};

function bitsValidation(value: string): vscode.InputBoxValidationMessage | undefined {
  return isSupportedBits(Number(value)) ? undefined : { message: `A whole number from ${MIN_BITS} to ${MAX_BITS}`, severity: vscode.InputBoxValidationSeverity.Error };
}

const precisionStep: Step = async (draft, at) => {
  const preset = (weightBits: number, activationBits: number): PrecisionAnswer => ({ weightBits, activationBits });
  const items: PickItem<PrecisionAnswer | undefined>[] = [
    { label: `INT8 (${precisionLabel(8, 8)})`, description: '8-bit weights and activations: ONNX Runtime\'s int8 kernels', value: preset(8, 8) },
    { label: precisionLabel(4, 8), description: '4-bit weights, 8-bit activations', value: preset(4, 8) },
    { label: precisionLabel(4, 4), description: '4-bit weights and activations: distillation matters most here', value: preset(4, 4) },
    { label: 'Custom…', description: `any bit widths from ${MIN_BITS} to ${MAX_BITS}`, value: undefined },
  ];
  for (;;) {
    const previous = draft.precision;
    const active = items.find((i) => i.value && previous && i.value.weightBits === previous.weightBits && i.value.activationBits === previous.activationBits);
    const chosen = await pickStep(at, 'Precision: bit widths of weights and activations', items, active ?? items[0]);
    if (chosen === BACK || chosen === CANCEL) return chosen;
    if (chosen) return { ...draft, precision: chosen };
    const weights = await textStep(at, { prompt: 'Weight bits', value: String(draft.precision?.weightBits ?? DEFAULT_WEIGHT_SCHEME.bits), validate: bitsValidation });
    if (weights === CANCEL) return CANCEL;
    if (weights === BACK) continue;
    const activations = await textStep(at, { prompt: 'Activation bits', value: String(draft.precision?.activationBits ?? DEFAULT_ACTIVATION_SCHEME.bits), validate: bitsValidation });
    if (activations === CANCEL) return CANCEL;
    if (activations === BACK) continue;
    return { ...draft, precision: preset(Number(weights), Number(activations)) };
  }
};

/** The config's default name: beside the student (or in the folder the command was invoked on), named after it. */
export function defaultConfigFile(studentPath: string, folder: string | undefined): string {
  return path.join(folder ?? path.dirname(studentPath), `${path.basename(studentPath, '.onnx')}.distq.json`);
}

const fileStep = (start: WizardStart): Step => async (draft, at) => {
  const studentPath = studentPathOf({ teacher: draft.teacher!, student: draft.student! });
  const suggested = draft.file ?? defaultConfigFile(studentPath, start.folder);
  const folder = path.dirname(suggested);
  const validate = (value: string): vscode.InputBoxValidationMessage | undefined => {
    if (!/^[^\\/]+\.distq\.json$/.test(value)) return { message: 'A file name ending in .distq.json (that is how DistQ finds configs)', severity: vscode.InputBoxValidationSeverity.Error };
    if (fs.existsSync(path.join(folder, value))) return { message: `${value} exists and will be replaced`, severity: vscode.InputBoxValidationSeverity.Warning };
    return undefined;
  };
  const name = await textStep(at, { prompt: `Config file name, in ${folderDescription(suggested)}`, value: path.basename(suggested), validate });
  return typeof name === 'string' ? { ...draft, file: path.join(folder, name) } : name;
};

/**
 * Asks every question; undefined when the user cancels. One draft carries all answers, so
 * going back shows the earlier answer preselected.
 */
export async function askNewConfigAnswers(start: WizardStart): Promise<NewConfigAnswers | undefined> {
  const steps: Step[] = [teacherStep(start), studentStep, dataStep, distillationStep, precisionStep, fileStep(start)];
  let draft: Draft = {};
  let index = 0;
  while (index < steps.length) {
    const outcome = await steps[index]!(draft, position(index + 1));
    if (outcome === CANCEL) return undefined;
    if (outcome === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    draft = outcome;
    index++;
  }
  const { teacher, student, data, distillation, precision, file } = draft;
  return teacher && student && data && distillation && precision && file ? { teacher, student, data, distillation, precision, file } : undefined;
}
