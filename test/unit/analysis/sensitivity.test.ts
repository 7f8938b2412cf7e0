/**
 * `distq sensitivity` on a small trained MLP made fragile on purpose: one layer's weights get an
 * outlier on an input pixel that is zero in every MNIST image, so the float model is unchanged but
 * 8-bit per-channel quantization rounds the rest of that layer to zero. The analysis must rank that
 * layer first, its correlations must match an independent computation, a tiny time budget must cut
 * the work and say so, a stop must write nothing, and the file must have the contract's shape.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readModel, writeModel } from '../../../engine/onnx/modelFile.ts';
import { loadMnist } from '../../../engine/data/mnist.ts';
import { sensitivityFromConfig } from '../../../engine/commands/sensitivity.ts';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { SensitivityCancelledError } from '../../../engine/analysis/sensitivity.ts';
import { formatSensitivityReport } from '../../../engine/cli/formatSensitivity.ts';
import { SENSITIVITY_PROXIES, type SensitivityReport } from '../../../contracts/sensitivityReport.ts';
import { RUN_FOLDER_FILES } from '../../../contracts/runFolderLayout.ts';
import type { SequentialSpec } from '../../../engine/models/sequentialBuilder.ts';
import { loadedConfig, makeWorkspace, onnxAccuracy, recordingReporter, rejection, removeWorkspace, TEST_COUNT, tinyConfig, trainTinyTeacher } from '../compression/runFixtures.ts';

const MLP: SequentialSpec = {
  name: 'sensitivity_mlp',
  inputShape: [1, 28, 28],
  layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: 32 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 32 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 10 }],
  seed: 4,
};
const FRAGILE_LAYER = 'linear2';
const QUANTIZATION = { weights: { bits: 8 }, activations: { bits: 8 } };

/** Spearman's ρ computed the long way: each rank counted directly, then Pearson's formula on the ranks. */
function independentSpearman(pairs: [number, number][]): number | null {
  const rank = (values: number[]): number[] => values.map((v) => values.filter((w) => w < v).length + (values.filter((w) => w === v).length + 1) / 2);
  const x = rank(pairs.map((p) => p[0]));
  const y = rank(pairs.map((p) => p[1]));
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  const covariance = x.reduce((sum, xi, i) => sum + (xi - mx) * (y[i]! - my), 0);
  const spread = Math.sqrt(x.reduce((s, xi) => s + (xi - mx) ** 2, 0) * y.reduce((s, yi) => s + (yi - my) ** 2, 0));
  return pairs.length < 2 || spread === 0 ? null : covariance / spread;
}

function assertClose(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) assert.equal(actual, null, what);
  else assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);
}

describe('distq sensitivity', () => {
  let folder: string;
  let fragileConfig: ReturnType<typeof loadedConfig>;

  before(async () => {
    folder = makeWorkspace();
    const trained = await trainTinyTeacher(folder, MLP, 'mlp.trained.onnx');
    const model = readModel(trained);
    const weight = model.graph.initializers.get(`${FRAGILE_LAYER}.weight`)!;
    // linear2 reads linear1's 32 outputs; make linear1's unit 0 dead (zero weights, negative bias) so linear2's column 0 only ever meets zeros.
    const firstWeight = model.graph.initializers.get('linear1.weight')!.data as Float32Array;
    firstWeight.fill(0, 0, 784);
    (model.graph.initializers.get('linear1.bias')!.data as Float32Array)[0] = -1;
    const [rows, columns] = weight.dims as [number, number];
    for (let row = 0; row < rows; row++) (weight.data as Float32Array)[row * columns] = 1e4;
    writeModel(model, path.join(folder, 'fragile.onnx'));
    fragileConfig = loadedConfig(folder, tinyConfig({ name: 'fragile', model: { path: 'fragile.onnx' }, quantization: QUANTIZATION }), 'fragile.distq.json');
  });
  after(() => removeWorkspace(folder));

  it('ranks the deliberately fragile layer first, with proxies and correlations that match an independent computation', async () => {
    const test = loadMnist({ trainLimit: 1, testLimit: TEST_COUNT }).test;
    const floatAccuracy = await onnxAccuracy(path.join(folder, 'fragile.onnx'), test);
    assert.ok(floatAccuracy > 0.5, `the fragile model still works in float (${floatAccuracy})`);

    const reporter = recordingReporter();
    const { report, file } = await sensitivityFromConfig(fragileConfig, reporter);
    assert.equal(file, path.join(folder, 'fragile.sensitivity.json'));
    assert.deepEqual(report.layers.map((l) => l.node).sort(), ['linear1', 'linear2', 'linear3']);
    const [first, ...rest] = report.layers;
    assert.equal(first!.node, FRAGILE_LAYER, `ranked ${report.layers.map((l) => `${l.node} ${l.impactPp}`).join(', ')}`);
    assert.ok(Math.abs(report.accuracy.float - floatAccuracy) < 1e-9, 'float accuracy as ONNX Runtime measures the file');
    assert.ok(first!.onlyQuantized! < report.accuracy.float - 0.3, `quantizing ${FRAGILE_LAYER} alone destroys accuracy (${first!.onlyQuantized} vs ${report.accuracy.float})`);
    assert.ok(first!.onlyFloat! > report.accuracy.allQuantized + 0.3, `keeping ${FRAGILE_LAYER} alone in float restores it (${first!.onlyFloat} vs ${report.accuracy.allQuantized})`);
    for (const layer of rest) assert.ok(layer.impactPp! < first!.impactPp! / 10, `${layer.node} matters far less (${layer.impactPp} pp)`);
    // The output error × gradient sees it; the weight's SQNR does not (the outlier dominates the weight's norm too), which is what the correlations are for.
    assert.ok(rest.every((layer) => layer.proxies.outputGradient! < first!.proxies.outputGradient!), `outputGradient ranks ${FRAGILE_LAYER} first`);
    assert.equal(report.evaluation.examples, TEST_COUNT);
    assert.equal(report.evaluation.limitedByTimeBudget, false);
    assert.equal(report.unmeasuredLayers.length, 0);
    assert.deepEqual(report.source, { kind: 'ptq' });

    for (const correlation of report.correlations) {
      const proxyValues = report.layers.map((l) => l.proxies[correlation.proxy]);
      const against = (measured: (number | null)[]): number | null => independentSpearman(proxyValues.flatMap((p, i) => (p === null || measured[i] === null ? [] : [[p, measured[i]!] as [number, number]])));
      assertClose(correlation.againstImpact, against(report.layers.map((l) => l.impactPp)), `${correlation.proxy} vs impact`);
      assertClose(correlation.againstOnlyQuantized, against(report.layers.map((l) => (l.onlyQuantized === null ? null : -l.onlyQuantized))), `${correlation.proxy} vs only quantized`);
      assertClose(correlation.againstOnlyFloat, against(report.layers.map((l) => l.onlyFloat)), `${correlation.proxy} vs only float`);
    }
    assert.ok(reporter.lines.some((line) => line.startsWith(`[3/3]`)), 'a progress line per layer');
    const table = formatSensitivityReport(report, file);
    assert.match(table, new RegExp(`Most sensitive: ${FRAGILE_LAYER}\\. Keep it in float with "quantization": \\{ "exclude": \\["${FRAGILE_LAYER}"\\] \\}`));
    assert.match(table, /ownSqnr +[-\d.—]+ +[-\d.—]+/);
  });

  it('writes a file of the contract\'s shape, whole', () => {
    const report = JSON.parse(fs.readFileSync(path.join(folder, 'fragile.sensitivity.json'), 'utf8')) as SensitivityReport;
    assert.deepEqual(Object.keys(report).sort(), ['accuracy', 'bits', 'configPath', 'correlations', 'evaluation', 'kind', 'layers', 'seconds', 'source', 'timeBudgetMinutes', 'unmeasuredLayers']);
    assert.equal(report.kind, 'sensitivity');
    assert.equal(report.configPath, fragileConfig.file);
    assert.deepEqual(report.bits, { weights: 8, activations: 8 });
    assert.deepEqual(Object.keys(report.evaluation).sort(), ['datasetExamples', 'examples', 'gradientExamples', 'limitedByTimeBudget']);
    assert.deepEqual(Object.keys(report.accuracy).sort(), ['allQuantized', 'float']);
    assert.equal(report.timeBudgetMinutes, null);
    const proxies = Object.keys(SENSITIVITY_PROXIES).sort();
    for (const layer of report.layers) {
      assert.deepEqual(Object.keys(layer).filter((k) => k !== 'role').sort(), ['impactPp', 'node', 'onlyFloat', 'onlyQuantized', 'opType', 'proxies']);
      assert.deepEqual(Object.keys(layer.proxies).sort(), proxies);
      for (const value of [layer.onlyQuantized, layer.onlyFloat, layer.impactPp, ...Object.values(layer.proxies)]) assert.ok(typeof value === 'number' && Number.isFinite(value));
    }
    assert.deepEqual(report.correlations.map((c) => c.proxy).sort(), proxies);
    assert.deepEqual(fs.readdirSync(folder).filter((name) => name.includes('.tmp-')), [], 'no temporary file left');
  });

  it('cuts the work to the time budget and says so', async () => {
    const reporter = recordingReporter();
    // A few milliseconds: the cost probe alone spends them, so every layer is left unmeasured.
    const { report } = await sensitivityFromConfig(fragileConfig, reporter, { timeBudgetMinutes: 0.0001 });
    assert.equal(report.evaluation.limitedByTimeBudget, true);
    assert.equal(report.evaluation.examples, 100, 'the minimum number of examples');
    assert.equal(report.evaluation.datasetExamples, TEST_COUNT);
    assert.deepEqual([...report.unmeasuredLayers].sort(), ['linear1', 'linear2', 'linear3']);
    assert.ok(report.layers.every((l) => l.onlyQuantized === null && l.impactPp === null));
    assert.ok(report.correlations.every((c) => c.againstImpact === null));
    assert.ok(reporter.lines.some((line) => /time budget: evaluating on 100 of 200 test examples/.test(line)), reporter.lines.join('\n'));
    assert.ok(reporter.lines.some((line) => /time budget: 3 of 3 layers left unmeasured/.test(line)), reporter.lines.join('\n'));
    assert.match(formatSensitivityReport(report, 'x'), /the time budget allowed no more[\s\S]*ran out before 3 layer\(s\)/);
  });

  it('stops when asked and leaves the previous file as it was', async () => {
    const file = path.join(folder, 'fragile.sensitivity.json');
    const before = fs.readFileSync(file, 'utf8');
    let checks = 0;
    const error = await rejection(sensitivityFromConfig(fragileConfig, recordingReporter(), { shouldStop: () => ++checks > 3 }));
    assert.ok(error instanceof SensitivityCancelledError, error.message);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('refuses a config with nothing quantized, saying why', async () => {
    const off = loadedConfig(folder, tinyConfig({ name: 'off', model: { path: 'fragile.onnx' }, quantization: { enabled: false } }), 'off.distq.json');
    assert.match((await rejection(sensitivityFromConfig(off, recordingReporter()))).message, /quantization\.enabled: false/);
    const none = loadedConfig(folder, tinyConfig({ name: 'none', model: { path: 'fragile.onnx' }, quantization: { ...QUANTIZATION, exclude: ['linear1', 'linear2', 'linear3'] } }), 'none.distq.json');
    assert.match((await rejection(sensitivityFromConfig(none, recordingReporter()))).message, /no layer of .*fragile\.onnx is quantized/);
    assert.equal(fs.existsSync(path.join(folder, 'none.sensitivity.json')), false);
  });

  it('is a CLI command that prints the table and refuses a budget that is not a positive number', async () => {
    process.env.DISTQ_CLI_IMPORTED = '1';
    const { main } = await import('../../../engine/cli/main.ts');
    const captured = { stdout: '', stderr: '' };
    const realStdout = process.stdout.write.bind(process.stdout);
    const realStderr = process.stderr.write.bind(process.stderr);
    const run = async (argv: string[]): Promise<number> => {
      captured.stdout = '';
      captured.stderr = '';
      process.stdout.write = ((chunk: string | Uint8Array) => ((captured.stdout += chunk.toString()), true)) as typeof process.stdout.write;
      process.stderr.write = ((chunk: string | Uint8Array) => ((captured.stderr += chunk.toString()), true)) as typeof process.stderr.write;
      try {
        return await main(argv);
      } finally {
        process.stdout.write = realStdout;
        process.stderr.write = realStderr;
      }
    };
    assert.equal(await run(['sensitivity', fragileConfig.file, '--time-budget-minutes', 'soon']), 2);
    assert.match(captured.stderr, /--time-budget-minutes needs a positive number of minutes/);
    assert.equal(await run(['sensitivity', fragileConfig.file]), 0, captured.stderr);
    assert.match(captured.stdout, /1 +linear2 +Gemm/);
    assert.match(captured.stdout, /outputGradient +[\d.]+/);
    assert.match(captured.stderr, /\[3\/3\] linear\d \(Gemm\): only it quantized/);
  });

  it('analyses a run\'s checkpoint with --run and writes sensitivity.json into its folder', async () => {
    const loaded = loadedConfig(folder, tinyConfig({ name: 'qat', model: { path: 'mlp.trained.onnx' }, quantization: QUANTIZATION, output: { runsFolder: 'runs' } }), 'qat.distq.json');
    const summary = await runFromConfig(loaded, recordingReporter());
    const { report, file } = await sensitivityFromConfig(loaded, recordingReporter(), { run: summary.runFolder });
    assert.equal(file, path.join(summary.runFolder, RUN_FOLDER_FILES.sensitivity));
    assert.deepEqual(report.source, { kind: 'run', runFolder: summary.runFolder, checkpointEpoch: 1 });
    assert.ok(Math.abs(report.accuracy.float - summary.accuracy.studentFp32AfterQat) < 1e-9, 'the checkpoint\'s weights, not the config\'s');
    assert.ok(Math.abs(report.accuracy.allQuantized - summary.accuracy.qatFakeQuant) <= 1 / TEST_COUNT + 1e-9, `the trained ranges: ${report.accuracy.allQuantized} vs ${summary.accuracy.qatFakeQuant}`);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(report)));
  });
});
