/**
 * The tuner's decisions, as a pure function of the trials so far: the next trial to run, or the end.
 * Because it looks only at the trials, a tuning stopped midway resumes from tuning.json alone.
 *
 * While no trial meets the target, each trial promotes the next layer in order of measured impact,
 * on top of the previous trial's promotions and continuing from its checkpoint. The first trial that
 * meets the target ends the promotions; then each earlier promotion is given back in turn, least
 * impact first, continuing from the chosen trial; a give-back that still meets becomes the chosen.
 * Last, the chosen precisions are trained once more from the config's student, as a run trains them:
 * the trials' continued weights can sit below what those precisions reach from the float weights.
 */
import type { LayerPrecisionSetting, TuningSummary, TuningTrial, TuningTrialAction } from '../../contracts/tuningReport.ts';

export interface TuningPlan {
  /** The user's own `quantization.layers`: every trial starts from them, and a give-back restores them. */
  userLayers: Readonly<Record<string, LayerPrecisionSetting>>;
  /** Nodes to promote, most measured impact first. */
  order: readonly string[];
  /** What each node in `order` becomes when promoted. */
  promotions: Readonly<Record<string, LayerPrecisionSetting>>;
  maxTrials: number;
  /** Whether the search's choice is trained once more from the student (`distq tune`: a run's training is at hand; the hooks tuner has none). */
  retrainChosen: boolean;
}

export interface TrialRequest {
  index: number;
  action: TuningTrialAction;
  node?: string;
  layers: Record<string, LayerPrecisionSetting>;
  continuedFrom: number | null;
}

export type TuningStep = { kind: 'trial'; request: TrialRequest } | { kind: 'done'; summary: TuningSummary };

/** The next trial after `trials`, or the end; `timeLeft` false ends the tuning with what it has. */
export function nextTuningStep(plan: TuningPlan, trials: readonly TuningTrial[], timeLeft: boolean): TuningStep {
  const last = trials.at(-1);
  if (!last) {
    return timeLeft ? trial({ index: 0, action: 'start', layers: { ...plan.userLayers }, continuedFrom: null }) : done(trials);
  }
  if (!timeLeft || last.action === 'retrain') return done(trials);
  const searched = trials.length >= plan.maxTrials ? undefined : nextSearchTrial(plan, trials, last);
  return searched ?? (plan.retrainChosen ? retrainOrDone(trials) : done(trials));
}

/** The next promotion or give-back, or undefined when the search has nothing left to try. */
function nextSearchTrial(plan: TuningPlan, trials: readonly TuningTrial[], last: TuningTrial): TuningStep | undefined {
  const firstMet = trials.find((t) => t.meets);
  if (!firstMet) {
    const node = plan.order.find((candidate) => !isPromoted(plan, last.layers, candidate));
    if (node === undefined) return undefined;
    return trial({ index: trials.length, action: 'promote', node, layers: { ...last.layers, [node]: plan.promotions[node] ?? 'float' }, continuedFrom: last.index });
  }
  const chosen = chosenTrial(trials)!;
  const givenBackOrTried = new Set(trials.filter((t) => t.action === 'giveBack').map((t) => t.node));
  // The promotion that made the target hold was needed a trial ago; the earlier ones may not be any more.
  const node = [...plan.order].reverse().find((candidate) => candidate !== firstMet.node && isPromoted(plan, firstMet.layers, candidate) && !givenBackOrTried.has(candidate));
  if (node === undefined) return undefined;
  return trial({ index: trials.length, action: 'giveBack', node, layers: withoutPromotion(plan, chosen.layers, node), continuedFrom: chosen.index });
}

/** One trial past `maxTrials`: the chosen precisions from the student; none when the run itself is the choice (it was trained so). */
function retrainOrDone(trials: readonly TuningTrial[]): TuningStep {
  const chosen = chosenTrial(trials)!;
  if (chosen.action === 'start') return done(trials);
  return trial({ index: trials.length, action: 'retrain', layers: { ...chosen.layers }, continuedFrom: null });
}

/** What summary.json records: the last trial that met the target, or the most accurate INT8 model when none did. */
export function summarizeTuning(trials: readonly TuningTrial[]): TuningSummary {
  const chosen = chosenTrial(trials);
  return { met: chosen?.meets ?? false, trials: trials.length, chosen: chosen?.index ?? null };
}

function chosenTrial(trials: readonly TuningTrial[]): TuningTrial | undefined {
  const meeting = trials.filter((t) => t.meets);
  if (meeting.length > 0) return meeting.at(-1);
  return trials.reduce<TuningTrial | undefined>((best, t) => (!best || t.accuracy.int8 > best.accuracy.int8 ? t : best), undefined);
}

function isPromoted(plan: TuningPlan, layers: Readonly<Record<string, LayerPrecisionSetting>>, node: string): boolean {
  return Object.hasOwn(layers, node) && JSON.stringify(layers[node]) !== JSON.stringify(plan.userLayers[node]);
}

function withoutPromotion(plan: TuningPlan, layers: Readonly<Record<string, LayerPrecisionSetting>>, node: string): Record<string, LayerPrecisionSetting> {
  const { [node]: _promoted, ...rest } = layers;
  const userSetting = plan.userLayers[node];
  return userSetting === undefined ? rest : { ...rest, [node]: userSetting };
}

function trial(request: TrialRequest): TuningStep {
  return { kind: 'trial', request };
}

function done(trials: readonly TuningTrial[]): TuningStep {
  return { kind: 'done', summary: summarizeTuning(trials) };
}
