/**
 * `distq.openDashboard` for now: a markdown page of the run folder. The dashboard
 * webview replaces this module; callers only know `openRunDashboard`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportDocuments } from '../reports/reportDocuments.ts';
import { readRunFolder, RUN_FILES, type RunStatus } from '../runs/runFolderState.ts';
import { runSummaryMarkdown } from './runSummaryMarkdown.ts';

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export async function openRunDashboard(reports: ReportDocuments, runFolder: string, liveStatus?: RunStatus): Promise<void> {
  const state = readRunFolder(runFolder);
  const markdown = runSummaryMarkdown(state, liveStatus ?? state.status, readJson(path.join(runFolder, RUN_FILES.summary)));
  await reports.show(`${state.folderName}.md`, markdown);
}
