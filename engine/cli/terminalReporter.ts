/** Progress bar and log lines on a terminal; JSON lines for machines (`--json`). */
import type { Reporter } from '../commands/reporter.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { ProgressReport } from '../../contracts/engineProtocol.ts';

export function terminalReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const interactive = stream.isTTY === true;
  let lastDraw = 0;
  let barShown = false;
  const clearBar = (): void => {
    if (barShown) {
      stream.write('\r\x1b[2K');
      barShown = false;
    }
  };
  return {
    log(line) {
      clearBar();
      stream.write(`${line}\n`);
    },
    progress(report: ProgressReport) {
      if (!interactive) return;
      const now = Date.now();
      if (now - lastDraw < 100 && report.step !== report.steps) return;
      lastDraw = now;
      const fraction = report.steps ? (report.step ?? 0) / report.steps : 0;
      const width = 24;
      const filled = Math.round(fraction * width);
      const epoch = report.epochs ? ` epoch ${report.epoch}/${report.epochs}` : '';
      const loss = report.loss !== undefined ? ` loss ${report.loss.toFixed(4)}` : '';
      stream.write(`\r\x1b[2K${report.phase}${epoch} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${report.step ?? 0}/${report.steps ?? 0}${loss}`);
      barShown = true;
    },
    metrics(_record: MetricsRecord) {
      // Terminal output shows epochs through log lines; step records go to metrics.jsonl.
    },
  };
}

export function jsonReporter(stream: NodeJS.WriteStream = process.stdout): Reporter {
  const write = (value: unknown): void => {
    stream.write(`${JSON.stringify(value)}\n`);
  };
  return {
    log: (line) => write({ type: 'log', message: line }),
    progress: (report) => write({ type: 'progress', ...report }),
    metrics: (record) => write({ type: 'metrics', record }),
  };
}
