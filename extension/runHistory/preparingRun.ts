/**
 * The run going now, before the engine has created its folder (loading the models and data,
 * building the graphs, the PTQ baseline). The Runs view lists it at the top so it never says
 * "no runs" while one starts. No `vscode` here: unit-tested in Node.
 */

export interface PreparingRunNode {
  readonly kind: 'preparing';
  readonly name: string;
  readonly configPath: string;
}

/** What the view needs to know of the live run. */
export interface StartingRun {
  readonly name: string;
  readonly configPath: string;
  readonly runFolder?: string;
}

/** `runs` with the live run in front while it has no folder; once it has one, it is among `runs`. */
export function withPreparingRun<T>(runs: readonly T[], active: StartingRun | undefined): (T | PreparingRunNode)[] {
  if (!active || active.runFolder) return [...runs];
  return [{ kind: 'preparing', name: active.name, configPath: active.configPath }, ...runs];
}
