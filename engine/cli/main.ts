/**
 * The `distq` command line. Exit code 0 on success; on failure a one-line cause on
 * stderr (with `--json`, a JSON object on stdout too) and exit code 1 (2 for usage; 130 or 143
 * when Ctrl-C or SIGTERM stopped a run).
 */
import { loadConfig } from '../config/loadConfig.ts';
import { distqJsonSchema } from '../config/jsonSchema.ts';
import { trainFromConfig } from '../commands/train.ts';
import { describeModel } from '../commands/describe.ts';
import { runDemo } from '../commands/demo.ts';
import { runTextDemo } from '../commands/textDemo.ts';
import { runFromConfig } from '../commands/run.ts';
import { formatInspectReport, formatRunSummary } from './formatSummary.ts';
import { inspectModel } from '../commands/inspect.ts';
import { sensitivityFromConfig } from '../commands/sensitivity.ts';
import { formatSensitivityReport } from './formatSensitivity.ts';
import { tuneFromConfig } from '../commands/tune.ts';
import { formatTuning } from './formatTuning.ts';
import { MAX_BITS, MIN_BITS, parsePrecisionLabel } from '../../contracts/quantizationScheme.ts';
import { serveOverIpc } from '../server/engineServer.ts';
import { jsonReporter, terminalReporter } from './terminalReporter.ts';
import { stopOnSignals } from './stopOnSignals.ts';

const USAGE = `usage: distq <command> [options]

commands:
  train CONFIG        train the config's model in FP32 and write it (makes teachers)
  run CONFIG          QAT with distillation: calibrate, PTQ baseline, train, export INT8
                      [--resume RUN_DIR] continues a run from its last checkpoint
  sensitivity CONFIG  per-layer accuracy impact of quantization, next to cheap proxies
                      [--run RUN_DIR] analyses that run's checkpoint instead of PTQ
                      [--time-budget-minutes M] evaluates fewer examples or layers to fit
  tune CONFIG         promote the layers that cost most accuracy until the config's tuning
                      target holds, then give back those not needed (docs/tuning.md)
                      [--run RUN_DIR] tunes that run instead of the latest finished one;
                      the same command continues a stopped tuning
  inspect MODEL       calibrate, quantize (PTQ) and show the per-layer quantization error
                      --data mnist|FILE.npz  [--bits W8A8|W4A8|…]
  describe MODEL      every tensor of an ONNX model with shape and producing op (JSON)
  schema              print the JSON Schema of *.distq.json configs
  serve               speak the extension's protocol over Node IPC (used by the VS Code extension)
  demo [text]         the MNIST demo, or the transformer demo on SpamAssassin

options:
  --json              machine-readable output (JSON lines)
  --help              this text`;

class UsageError extends Error {}

interface ParsedArguments {
  command: string | undefined;
  positional: string[];
  json: boolean;
  help: boolean;
  resume: string | undefined;
  data: string | undefined;
  bits: string | undefined;
  run: string | undefined;
  timeBudgetMinutes: number | undefined;
}

function parseArguments(argv: string[]): ParsedArguments {
  const parsed: ParsedArguments = { command: undefined, positional: [], json: false, help: false, resume: undefined, data: undefined, bits: undefined, run: undefined, timeBudgetMinutes: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--resume' || arg === '--data' || arg === '--bits' || arg === '--run') {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a value`);
      if (arg === '--resume') parsed.resume = value;
      else if (arg === '--data') parsed.data = value;
      else if (arg === '--run') parsed.run = value;
      else parsed.bits = value;
    }
    else if (arg === '--time-budget-minutes') {
      const value = Number(argv[++i]);
      if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${arg} needs a positive number of minutes`);
      parsed.timeBudgetMinutes = value;
    }
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (parsed.command === undefined) parsed.command = arg;
    else parsed.positional.push(arg);
  }
  return parsed;
}

function requireOne(parsed: ParsedArguments, what: string): string {
  const value = parsed.positional[0];
  if (!value) throw new UsageError(`${parsed.command} needs ${what}`);
  return value;
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`distq: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help || !parsed.command) {
    process.stdout.write(`${USAGE}\n`);
    return parsed.command || parsed.help ? 0 : 2;
  }
  const reporter = parsed.json ? jsonReporter() : terminalReporter();
  let stoppedBySignal: number | undefined;
  /** A command Ctrl-C or SIGTERM can stop between steps; the exit code then names the signal. */
  const stoppable = async <T>(work: (shouldStop: () => boolean) => Promise<T>): Promise<T> => {
    const signals = stopOnSignals((line) => reporter.log(line));
    try {
      return await work(signals.shouldStop);
    } catch (error) {
      stoppedBySignal = signals.exitCode();
      throw error;
    } finally {
      signals.dispose();
    }
  };
  try {
    switch (parsed.command) {
      case 'train': {
        const report = await trainFromConfig(loadConfig(requireOne(parsed, 'a config file')), reporter);
        if (parsed.json) process.stdout.write(`${JSON.stringify({ type: 'result', ...report })}\n`);
        else process.stdout.write(`trained: test accuracy ${(100 * report.testAccuracy).toFixed(2)} % in ${report.seconds.toFixed(1)} s; model ${report.modelPath}\n`);
        return 0;
      }
      case 'run': {
        const summary = await stoppable((shouldStop) => runFromConfig(loadConfig(requireOne(parsed, 'a config file')), reporter, { resume: parsed.resume, shouldStop }));
        if (parsed.json) process.stdout.write(`${JSON.stringify({ type: 'result', ...summary })}\n`);
        else process.stdout.write(formatRunSummary(summary));
        return 0;
      }
      case 'sensitivity': {
        const options = { run: parsed.run, timeBudgetMinutes: parsed.timeBudgetMinutes };
        const { report, file } = await stoppable((shouldStop) => sensitivityFromConfig(loadConfig(requireOne(parsed, 'a config file')), reporter, { ...options, shouldStop }));
        process.stdout.write(parsed.json ? `${JSON.stringify({ type: 'result', file, ...report })}\n` : formatSensitivityReport(report, file));
        return 0;
      }
      case 'tune': {
        const result = await stoppable((shouldStop) => tuneFromConfig(loadConfig(requireOne(parsed, 'a config file')), reporter, { run: parsed.run, shouldStop }));
        process.stdout.write(parsed.json ? `${JSON.stringify({ type: 'result', runFolder: result.runFolder, ...result.file })}\n` : formatTuning(result.file, result.runFolder));
        return 0;
      }
      case 'inspect': {
        const bits = parsed.bits === undefined ? {} : parsePrecisionLabel(parsed.bits);
        if (!bits) throw new UsageError(`--bits should look like W8A8 or W4A8 (bit widths from ${MIN_BITS} to ${MAX_BITS}), not '${parsed.bits}'`);
        const report = await inspectModel(requireOne(parsed, 'a model file'), { data: parsed.data ?? 'mnist', ...bits }, reporter);
        process.stdout.write(parsed.json ? `${JSON.stringify({ type: 'result', ...report })}\n` : formatInspectReport(report));
        return 0;
      }
      case 'describe':
        process.stdout.write(`${JSON.stringify(await describeModel(requireOne(parsed, 'a model file')), null, parsed.json ? undefined : 2)}\n`);
        return 0;
      case 'serve':
        if (!process.send) throw new UsageError('serve must be started with an IPC channel (by the VS Code extension)');
        serveOverIpc();
        return await new Promise<number>(() => undefined);
      case 'schema':
        process.stdout.write(`${JSON.stringify(distqJsonSchema(), null, 2)}\n`);
        return 0;
      case 'demo':
        if (parsed.positional[0] === 'text') await runTextDemo(reporter);
        else if (parsed.positional.length === 0) await runDemo(reporter);
        else throw new UsageError(`demo takes nothing (MNIST) or 'text', not '${parsed.positional[0]}'`);
        return 0;
      default:
        throw new UsageError(`unknown command '${parsed.command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`distq: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    const message = (error as Error).message ?? String(error);
    if (parsed.json) process.stdout.write(`${JSON.stringify({ type: 'error', message })}\n`);
    process.stderr.write(`distq: ${message.split('\n')[0]}\n`);
    if (process.env.DISTQ_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return stoppedBySignal ?? 1;
  }
}

// The hostile-input tests import main() to run many cases through it in one process.
if (process.env.DISTQ_CLI_IMPORTED !== '1') main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`distq: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
