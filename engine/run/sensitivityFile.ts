/** Writes sensitivity.json (contracts/sensitivityReport.ts) whole, for an analysis kept beside its config. */
import { writeFileAtomic } from './atomicFile.ts';
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';

export function writeSensitivityReport(file: string, report: SensitivityReport): void {
  writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
}
