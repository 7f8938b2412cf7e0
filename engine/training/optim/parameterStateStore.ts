import type { OptimizerKind, OptimizerState, ParameterSlot, ParameterState } from './optimizer.ts';

/**
 * Keeps each parameter's state by name. Buffers are allocated (zeroed) the first time a parameter
 * is seen, so steady-state steps allocate nothing.
 */
export class ParameterStateStore {
  private readonly states = new Map<string, ParameterState>();

  constructor(private readonly kind: OptimizerKind, private readonly bufferNames: readonly string[]) {}

  /** The slot's state; checks that gradient, value and stored buffers agree in length. */
  stateFor(slot: ParameterSlot): ParameterState {
    const length = slot.value.length;
    if (slot.gradient.length !== length) {
      throw new RangeError(`parameter '${slot.name}': gradient has ${slot.gradient.length} elements, value has ${length}`);
    }
    let state = this.states.get(slot.name);
    if (state === undefined) {
      const buffers: Record<string, Float32Array> = {};
      for (const bufferName of this.bufferNames) buffers[bufferName] = new Float32Array(length);
      state = { step: 0, buffers };
      this.states.set(slot.name, state);
      return state;
    }
    for (const bufferName of this.bufferNames) {
      if (state.buffers[bufferName]!.length !== length) {
        throw new RangeError(`parameter '${slot.name}': optimizer state '${bufferName}' has ${state.buffers[bufferName]!.length} elements, value has ${length}`);
      }
    }
    return state;
  }

  snapshot(): OptimizerState {
    const parameters: Record<string, ParameterState> = {};
    for (const [name, state] of this.states) parameters[name] = copyParameterState(state);
    return { kind: this.kind, parameters };
  }

  restore(snapshot: OptimizerState): void {
    if (snapshot.kind !== this.kind) {
      throw new TypeError(`cannot load ${snapshot.kind} optimizer state into a ${this.kind} optimizer`);
    }
    const restored = new Map<string, ParameterState>();
    for (const [name, state] of Object.entries(snapshot.parameters)) {
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new RangeError(`parameter '${name}': optimizer state has an invalid step count ${state.step}`);
      }
      for (const bufferName of this.bufferNames) {
        if (!(state.buffers[bufferName] instanceof Float32Array)) {
          throw new TypeError(`parameter '${name}': ${this.kind} optimizer state lacks the buffer '${bufferName}'`);
        }
      }
      restored.set(name, copyParameterState(state));
    }
    this.states.clear();
    for (const [name, state] of restored) this.states.set(name, state);
  }
}

function copyParameterState(state: ParameterState): ParameterState {
  const buffers: Record<string, Float32Array> = {};
  for (const [bufferName, buffer] of Object.entries(state.buffers)) buffers[bufferName] = buffer.slice();
  return { step: state.step, buffers };
}
