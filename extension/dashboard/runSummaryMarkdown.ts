/** A run folder as a markdown page: the stand-in for the dashboard until the webview lands. */
import { formatAccuracy } from '../run/runMessages.ts';
import { formatDuration } from '../run/progressText.ts';
import type { RunFolderState, RunStatus } from '../runs/runFolderState.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberAt(value: unknown, ...keys: string[]): number | undefined {
  let current = value;
  for (const key of keys) current = isRecord(current) ? current[key] : undefined;
  return typeof current === 'number' && Number.isFinite(current) ? current : undefined;
}

const ACCURACY_NAMES: Record<string, string> = {
  teacherFp32: 'Teacher FP32',
  studentFp32: 'Student FP32 (before QAT)',
  ptqInt8: 'PTQ INT8 (no training)',
  qatFakeQuant: 'QAT fake-quant',
  qatInt8: 'QAT INT8 (exported, ONNX Runtime)',
  studentFp32AfterQat: 'Student FP32 after QAT',
  fp32: 'FP32',
};

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** `rawSummary` is summary.json as parsed (anything); `status` may be the live one. */
export function runSummaryMarkdown(state: RunFolderState, status: RunStatus, rawSummary: unknown): string {
  const lines = [`# ${state.folderName}`, '', `Status: **${status}**  `, `Folder: \`${state.folder}\``];
  if (state.startedAt) lines.push(`  \nStarted: ${state.startedAt.toISOString()}`);
  const seconds = numberAt(rawSummary, 'seconds');
  if (seconds !== undefined) lines.push(`  \nDuration: ${formatDuration(seconds)}`);
  if (state.summary?.message) lines.push('', `> ${state.summary.message}`);

  const accuracy = Object.entries(state.summary?.accuracy ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  if (accuracy.length > 0) {
    lines.push('', '## Accuracy', '', '| model | accuracy |', '| --- | ---: |');
    for (const [name, value] of accuracy) lines.push(`| ${ACCURACY_NAMES[name] ?? name} | ${formatAccuracy(value)} |`);
  }

  const fp32Size = numberAt(rawSummary, 'sizeBytes', 'fp32');
  const int8Size = numberAt(rawSummary, 'sizeBytes', 'int8');
  if (fp32Size !== undefined && int8Size !== undefined) {
    lines.push('', '## Size and latency', '', '| | FP32 | INT8 |', '| --- | ---: | ---: |', `| size | ${formatBytes(fp32Size)} | ${formatBytes(int8Size)} |`);
    const batchSize = numberAt(rawSummary, 'latencyMs', 'batchSize');
    for (const [key, label] of [['batch1', 'latency, batch 1'], ['batch', `latency, batch ${batchSize ?? ''}`.trim()]] as const) {
      const fp32 = numberAt(rawSummary, 'latencyMs', 'fp32', key);
      const int8 = numberAt(rawSummary, 'latencyMs', 'int8', key);
      if (fp32 !== undefined && int8 !== undefined) lines.push(`| ${label} | ${fp32.toFixed(3)} ms | ${int8.toFixed(3)} ms |`);
    }
  }
  const deltaPp = numberAt(rawSummary, 'exportAgreement', 'deltaPp');
  if (deltaPp !== undefined) lines.push('', `INT8 export agrees with the fake-quant model within ${Math.abs(deltaPp).toFixed(2)} pp.`);

  const epochs = isRecord(rawSummary) && Array.isArray(rawSummary.epochs) ? rawSummary.epochs.filter(isRecord) : [];
  if (epochs.length > 0) {
    lines.push('', '## Epochs', '', '| epoch | train loss | accuracy |', '| ---: | ---: | --- |');
    for (const epoch of epochs) {
      const index = numberAt(epoch, 'epoch');
      const loss = numberAt(epoch, 'trainLoss');
      const accuracies = isRecord(epoch.accuracy) ? Object.entries(epoch.accuracy).filter((e): e is [string, number] => typeof e[1] === 'number') : [];
      lines.push(`| ${index === undefined ? '' : index + 1} | ${loss === undefined ? '' : loss.toFixed(4)} | ${accuracies.map(([k, v]) => `${k} ${formatAccuracy(v)}`).join(', ')} |`);
    }
  } else if (state.lastEpoch) {
    const accuracies = Object.entries(state.lastEpoch.accuracy).map(([k, v]) => `${k} ${formatAccuracy(v)}`).join(', ');
    lines.push('', `Last finished epoch: ${state.lastEpoch.epoch + 1} (${accuracies}).`);
  }
  if (status === 'stopped') {
    lines.push('', state.hasCheckpoint ? 'Resumable: it keeps its last checkpoint (`checkpoint.bin`). Use **DistQ: Resume Run**.' : 'No checkpoint yet: it stopped before its first epoch ended.');
  }
  lines.push('', '_The live dashboard replaces this page in a later version; the files of the run folder are described in docs/runs.md._', '');
  return lines.join('\n');
}
