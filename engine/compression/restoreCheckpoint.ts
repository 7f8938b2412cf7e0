/** A run checkpoint's weights and activation ranges: taken from a session, and put back into one built from the same config or from one whose layers' precision changed. */
import type { Batch } from '../data/batches.ts';
import type { CompressionSession } from './compressionSession.ts';
import { calibrateSession } from './calibrate.ts';

/** What every checkpoint of `distq run` holds for the session (the optimizer's state is the trainer's). */
export interface SessionCheckpointState {
  epoch: number;
  parameters: Record<string, Float32Array>;
  ranges: { frozen: boolean; observers: Record<string, unknown> };
}

/** The session's weights and ranges as a checkpoint holds them, after `epoch` epochs. */
export function sessionCheckpointState(session: CompressionSession, epoch: number): SessionCheckpointState {
  return {
    epoch,
    parameters: Object.fromEntries(session.step.graph.parameters.map((name, i) => [name, session.step.parameterValues[i]!])),
    ranges: session.ranges.state(),
  };
}

/** `checkpointFile` names the checkpoint in the error when a parameter does not fit the session. */
export function restoreSessionState(session: CompressionSession, state: SessionCheckpointState, checkpointFile: string): void {
  // Ranges first: restoring them recomputes scales, which learned scales (parameters) then overwrite.
  session.ranges.load(state.ranges);
  restoreParameters(session, state, checkpointFile, new Set());
}

/**
 * Restores a checkpoint saved with other per-layer precisions (a tuning trial continuing from the
 * previous one): every saved range is kept, and a quantizer the checkpoint has no range for (a
 * layer that was in float) is calibrated on `calibration` with the restored weights. Returns the
 * tensors calibrated.
 */
export async function restoreWithNewQuantizers(session: CompressionSession, state: SessionCheckpointState, checkpointFile: string, calibration: { batches: Iterable<Batch>; batchCount: number }): Promise<string[]> {
  const missing = session.ranges.loadSaved(state.ranges);
  // A learned scale of a new quantizer starts from its calibration, as it does in a new run.
  restoreParameters(session, state, checkpointFile, new Set(missing.map((a) => a.scaleInput)));
  if (missing.length > 0) await calibrateSession(session, calibration.batches, calibration.batchCount, missing);
  if (state.ranges.frozen) session.ranges.freeze();
  return missing.map((a) => a.tensor);
}

function restoreParameters(session: CompressionSession, state: SessionCheckpointState, checkpointFile: string, mayBeMissing: ReadonlySet<string>): void {
  session.step.graph.parameters.forEach((name, i) => {
    const saved = state.parameters[name];
    if (saved === undefined && mayBeMissing.has(name)) return;
    if (!saved || saved.length !== session.step.parameterValues[i]!.length) throw new Error(`${checkpointFile} does not fit this config: parameter '${name}' differs`);
    session.step.parameterValues[i]!.set(saved);
  });
}
