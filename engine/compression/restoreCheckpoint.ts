/** Puts a run checkpoint's weights and activation ranges back into a session built from the same config. */
import type { CompressionSession } from './compressionSession.ts';

/** What every checkpoint of `distq run` holds for the session (the optimizer's state is the trainer's). */
export interface SessionCheckpointState {
  epoch: number;
  parameters: Record<string, Float32Array>;
  ranges: { frozen: boolean; observers: Record<string, unknown> };
}

/** `checkpointFile` names the checkpoint in the error when a parameter does not fit the session. */
export function restoreSessionState(session: CompressionSession, state: SessionCheckpointState, checkpointFile: string): void {
  // Ranges first: restoring them recomputes scales, which learned scales (parameters) then overwrite.
  session.ranges.load(state.ranges);
  session.step.graph.parameters.forEach((name, i) => {
    const saved = state.parameters[name];
    if (!saved || saved.length !== session.step.parameterValues[i]!.length) throw new Error(`${checkpointFile} does not fit this config: parameter '${name}' differs`);
    session.step.parameterValues[i]!.set(saved);
  });
}
