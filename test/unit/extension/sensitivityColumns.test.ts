/** The layers panel's sensitivity columns and the advice on which proxy to trust, from sensitivity.json. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { proxyAdvice, sensitivityView } from '../../../extension/panels/layers/sensitivityColumns.ts';
import { parseSensitivityReport } from '../../../extension/runHistory/analysisFiles.ts';
import { fixtureSensitivity, layersStateWithSensitivity } from '../../../scripts/harness/sampleTuning.ts';
import { layersState } from '../../../scripts/harness/samplePanelStates.ts';

describe('sensitivity in the layers panel', () => {
  it('adds the measured accuracies, the impact and the proxies to each analysed row, SQNRs in dB as measured', () => {
    const rows = layersStateWithSensitivity().rows;
    const gemm1 = rows.find((row) => row.node === 'gemm1')!;
    assert.equal(gemm1.onlyQuantizedPercent?.toFixed(2), '97.05');
    assert.equal(gemm1.onlyFloatPercent?.toFixed(2), '97.88');
    assert.equal(gemm1.impactPp, 1.66);
    assert.equal(gemm1.proxyOwnSqnrDb, 21.4);
    assert.equal(gemm1.proxyAccumulatedSqnrDb, 18.2);
    assert.equal(gemm1.proxyOutputGradient, 0.0412);
    const unmeasured = rows.find((row) => row.node === 'gemm4')!;
    assert.deepEqual([unmeasured.onlyQuantizedPercent, unmeasured.impactPp, unmeasured.proxyOwnSqnrDb], [null, null, 28]);
    const notAnalysed = rows.find((row) => row.node === 'matmul5')!;
    assert.deepEqual([notAnalysed.onlyFloatPercent, notAnalysed.proxyOutputGradient], [null, null]);
  });

  it('leaves rows and state without sensitivity when the run has no analysis', () => {
    const state = layersState(6);
    assert.equal(state.sensitivity, undefined);
    assert.equal(state.rows[0]!.impactPp, undefined);
  });

  it('says what was measured and shows each proxy\'s correlations, signed', () => {
    const view = sensitivityView(fixtureSensitivity());
    assert.equal(view.caption, 'Sensitivity of the checkpoint of epoch 3: 4 layers measured on 2000 of 10000 test examples (fewer, to fit the time budget); 1 layer left unmeasured by the time budget; float 98.62 %, all quantized 96.11 %.');
    assert.deepEqual(view.correlations.columns, ['Proxy', 'ρ vs impact', 'ρ vs only quantized', 'ρ vs only float']);
    assert.deepEqual(view.correlations.rows.map((row) => row.slice(1)), [['+0.40', '−0.40', '+0.40'], ['+0.80', '−0.80', '+0.80'], ['+1.00', '−1.00', '+1.00']]);
    assert.deepEqual(view.correlations.rows.map((row) => row[0]), ['own SQNR', 'accumulated SQNR', 'output error × gradient']);
  });

  it('names the proxy to trust by its correlation with the measured impact', () => {
    const correlation = (proxy: 'ownSqnr' | 'accumulatedSqnr' | 'outputGradient', againstImpact: number | null) => ({ proxy, againstImpact, againstOnlyQuantized: null, againstOnlyFloat: null });
    assert.equal(proxyAdvice([correlation('ownSqnr', 0.2), correlation('outputGradient', 0.9)], 12), 'Trust output error × gradient: it ranks the layers nearly as the measurement does (ρ = +0.90 against the impact).');
    assert.equal(proxyAdvice([correlation('accumulatedSqnr', 0.5)], 12), 'Accumulated SQNR ranks the layers best, but only roughly (ρ = +0.50 against the impact): check its top layers in the measured columns.');
    assert.equal(proxyAdvice([correlation('ownSqnr', -0.3)], 3), 'No proxy ranks the layers as the measurement does (the best, own SQNR, has ρ = −0.30 against the impact): go by the measured columns. With 3 measured layers, every correlation is noisy.');
    assert.match(proxyAdvice([correlation('ownSqnr', null)], 1), /^Too few layers were measured/);
  });

  it('reads a foreign or cut-short sensitivity.json as absent', () => {
    assert.equal(parseSensitivityReport({ kind: 'tuning' }), undefined);
    assert.equal(parseSensitivityReport({ kind: 'sensitivity', layers: [] }), undefined);
  });
});
