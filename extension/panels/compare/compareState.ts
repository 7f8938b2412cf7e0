/** Two or more runs side by side: an accuracy table, the settings that differ and overlaid curves. No `vscode` here. */
import * as path from 'node:path';
import type { CompareState, LineSeries } from '../../../webview/protocol.ts';
import { smoothValues } from '../dashboard/lossSmoothing.ts';
import { precisionLabel } from '../../../contracts/quantizationScheme.ts';
import { bytes, percent, percentPoints } from '../numberFormat.ts';
import type { RunFolderContents } from '../../runHistory/runFolderReader.ts';
import { statusFromFolder } from '../runStatus.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP, signedPp } from '../../../contracts/accuracyVerdict.ts';
import { differingSettings } from './settingsDiff.ts';

const LOSS_SMOOTHING = 0.6;

/** "−8.20 pp ⚠" (⚠: below the goal), judged as everywhere else (contracts/accuracyVerdict.ts). */
function vsTeacher(summary: Pick<RunSummary, 'accuracy'> | undefined, tolerancePp: number): string {
  if (!summary || summary.accuracy.teacherFp32 === null) return '—';
  const { qatInt8, teacherFp32, studentFp32 } = summary.accuracy;
  const verdict = accuracyVerdict({ int8: qatInt8, teacherFp32, studentFp32 }, tolerancePp);
  return verdict.deltaVsTeacherPp === null ? '—' : `${signedPp(verdict.deltaVsTeacherPp)}${verdict.verdict === 'below' ? ' ⚠' : ''}`;
}

function tableRow(contents: RunFolderContents, tolerancePp: number): string[] {
  const name = path.basename(contents.folder);
  const status = statusFromFolder(contents, false).phase;
  const summary = contents.summary?.status === 'finished' ? contents.summary : undefined;
  const baseline = contents.baseline;
  const teacher = summary?.accuracy.teacherFp32 ?? baseline?.teacherFp32 ?? null;
  const ptq = summary?.accuracy.ptqInt8 ?? baseline?.ptqInt8 ?? null;
  const lastEpoch = [...contents.metrics].reverse().find((r) => r.type === 'epoch');
  const fakeQuant = summary?.accuracy.qatFakeQuant ?? (lastEpoch?.type === 'epoch' ? Object.values(lastEpoch.accuracy)[0] ?? null : null);
  const int8 = summary?.accuracy.qatInt8 ?? null;
  return [
    name,
    status,
    summary ? summary.distillation : '—',
    summary ? precisionLabel(summary.bits.weights, summary.bits.activations) : '—',
    percent(teacher),
    percent(ptq),
    percent(fakeQuant),
    percent(int8),
    vsTeacher(summary, tolerancePp),
    int8 !== null && ptq !== null ? percentPoints(int8 - ptq) : '—',
    summary ? bytes(summary.sizeBytes.int8) : '—',
  ];
}

/** `tolerancePp`: the user's `distq.accuracyTolerancePp`. */
export function compareState(runs: readonly RunFolderContents[], tolerancePp = DEFAULT_ACCURACY_TOLERANCE_PP): CompareState {
  const labels = runs.map((r) => path.basename(r.folder));
  const lossByRun = runs.map((r) => {
    const steps = r.metrics.flatMap((m) => (m.type === 'step' ? [m] : []));
    const smoothed = smoothValues(steps.map((s) => s.loss), LOSS_SMOOTHING);
    return new Map(steps.map((s, i) => [s.globalStep, smoothed[i]!]));
  });
  const steps = [...new Set(lossByRun.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const lossSeries: LineSeries[] = lossByRun.map((byStep, i) => ({ label: labels[i]!, values: steps.map((s) => byStep.get(s) ?? null) }));

  const accuracyByRun = runs.map((r) => new Map(r.metrics.flatMap((m) => (m.type === 'epoch' ? [[m.epoch + 1, Object.values(m.accuracy)[0]] as const] : []))));
  const epochs = [...new Set(accuracyByRun.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const accuracySeries: LineSeries[] = accuracyByRun.map((byEpoch, i) => ({
    label: labels[i]!,
    values: epochs.map((e) => {
      const v = byEpoch.get(e);
      return v === undefined ? null : 100 * v;
    }),
  }));
  const missing = runs.filter((r) => !r.exists).map((r) => r.folder);
  return {
    kind: 'compare',
    title: `Compare · ${runs.length} runs`,
    runFolders: runs.map((r) => r.folder),
    status: missing.length
      ? { phase: 'failed', message: `Not found: ${missing.join(', ')}` }
      : runs.length < 2
        ? { phase: 'empty', message: 'Pick two or more runs to compare.' }
        : { phase: 'finished', message: `${runs.length} runs; losses smoothed with weight ${LOSS_SMOOTHING}.` },
    table: {
      columns: ['Run', 'Status', 'Distillation', 'Bits', 'Teacher FP32', 'PTQ INT8', 'QAT fake-quant', 'Exported INT8', 'INT8 vs teacher', 'INT8 vs PTQ', 'INT8 size'],
      rows: runs.map((run) => tableRow(run, tolerancePp)),
    },
    loss: { steps, series: lossSeries },
    accuracy: { epochs, series: accuracySeries },
    settings: differingSettings(runs.map((r) => r.configText)),
  };
}
