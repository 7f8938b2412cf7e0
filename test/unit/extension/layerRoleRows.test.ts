/** Transformer roles in the layers panel: the host passes each layer's role on, the table filters by it. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { LayerErrorReport } from '../../../contracts/layerErrorReport.ts';
import { layerRows } from '../../../extension/panels/layers/layerRows.ts';
import { layerRole, visibleRows } from '../../../webview/layers/layerColumns.ts';
import { layerReport } from '../../../scripts/harness/samplePanelStates.ts';

const ROLES = ['layer 0 · attention · query', 'layer 0 · attention · key', undefined, 'layer 0 · FFN output', 'classifier'];

/** The fixture report with a role on the layers that have one, as computeLayerErrors writes them. */
function reportWithRoles(): LayerErrorReport {
  const report = layerReport(ROLES.length, 8, 0);
  return { ...report, layers: report.layers.map((layer, i) => (ROLES[i] === undefined ? layer : { ...layer, role: ROLES[i] })) };
}

test('layer rows carry each layer\'s role, and none where the report has none', () => {
  const rows = layerRows(reportWithRoles(), null, new Set());
  assert.deepEqual(rows.map(layerRole), ROLES);
  assert.ok(!('role' in rows[2]!), 'a layer without a role sends no role');
  assert.deepEqual(layerRows(layerReport(3, 8, 0), null, new Set()).map(layerRole), [undefined, undefined, undefined]);
});

test('the layer filter matches roles as well as node names and op types', () => {
  const rows = layerRows(reportWithRoles(), null, new Set());
  assert.deepEqual(visibleRows(rows, 'attention', null).map((r) => r.node), [rows[0]!.node, rows[1]!.node]);
  assert.deepEqual(visibleRows(rows, 'CLASSIFIER', null).map((r) => r.node), [rows[4]!.node]);
  assert.deepEqual(visibleRows(rows, 'matmul', null).map((r) => r.node), rows.filter((r) => r.opType === 'MatMul').map((r) => r.node));
});
