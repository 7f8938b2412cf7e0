/** Compare's table has an INT8-vs-teacher column judged by the same rule as the dashboard. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareState } from '../../../extension/panels/compare/compareState.ts';
import { belowTeacherSummary, runContents } from '../../../scripts/harness/samplePanelStates.ts';

describe('compare\'s vs-teacher column', () => {
  const runs = [
    { ...runContents('/w/runs/untrained', 10, 2), summary: belowTeacherSummary(3) },
    { ...runContents('/w/runs/unfinished', 10, 2), summary: undefined },
  ];

  it('shows each run\'s INT8 delta to its teacher, marking one below the tolerance', () => {
    const { table } = compareState(runs);
    const column = table.columns.indexOf('INT8 vs teacher');
    assert.ok(column > 0, 'the column is there');
    assert.deepEqual(table.rows.map((row) => row[column]), ['−8.20 pp ⚠', '—']);
  });

  it('follows the tolerance it is given', () => {
    const { table } = compareState(runs, 10);
    assert.equal(table.rows[0]![table.columns.indexOf('INT8 vs teacher')], '−8.20 pp');
  });
});
