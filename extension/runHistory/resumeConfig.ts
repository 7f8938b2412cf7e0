/**
 * Which config a run came from, to resume it. The engine needs the original config
 * (its paths are relative to the config's folder), while the run folder only keeps
 * a copy; the runs folder sits beside the config by default (`runs/`).
 */
import * as path from 'node:path';
import { configNameOfRunFolder } from '../../contracts/runFolderLayout.ts';

export interface ConfigCandidate {
  /** Absolute path of a *.distq.json. */
  path: string;
  text: string;
}

function declaresName(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`"name"\\s*:\\s*"${escaped}"`).test(text);
}

/**
 * The candidate whose text is the run's copy, preferring the folder that holds the
 * runs folder; else the one there that declares the run's name. Undefined when
 * nothing fits unambiguously: then the user picks.
 */
export function configOfRun(runFolder: string, runConfigText: string | undefined, candidates: readonly ConfigCandidate[]): string | undefined {
  const home = path.dirname(path.dirname(runFolder));
  const atHome = candidates.filter((c) => path.dirname(c.path) === home);
  if (runConfigText !== undefined) {
    const same = (c: ConfigCandidate): boolean => c.text.trim() === runConfigText.trim();
    const sameAtHome = atHome.filter(same);
    if (sameAtHome.length === 1) return sameAtHome[0]!.path;
    const sameAnywhere = candidates.filter(same);
    if (sameAnywhere.length === 1) return sameAnywhere[0]!.path;
  }
  const name = configNameOfRunFolder(path.basename(runFolder));
  const named = atHome.filter((c) => declaresName(c.text, name));
  return named.length === 1 ? named[0]!.path : undefined;
}
