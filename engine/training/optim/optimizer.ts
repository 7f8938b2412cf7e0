/**
 * The update side of training: the trainer hands each step its parameters (ONNX initializer data)
 * with the gradients an onnxruntime-node session returned, and an optimizer updates the values in place.
 */

export type OptimizerKind = 'sgd' | 'adam' | 'adamw';

/** One trainable parameter as the trainer holds it during a step. */
export interface ParameterSlot {
  /** The initializer's name; optimizer state is keyed by it. */
  name: string;
  /** Updated in place. */
  value: Float32Array;
  /** Read only; never modified by `step` (clipping modifies it, before the step). */
  gradient: Float32Array;
  /** False for biases and normalization parameters, by convention: no weight decay for them. */
  weightDecay: boolean;
}

/** Per-parameter optimizer state. `step` counts the updates this parameter has had. */
export interface ParameterState {
  step: number;
  /** Named buffers the size of the parameter: `momentum` (SGD), `expAvg` and `expAvgSq` (Adam, AdamW). */
  buffers: Record<string, Float32Array>;
}

/**
 * Everything an optimizer needs to continue bit-identically after a resume. Plain data: numbers,
 * strings and Float32Arrays (the checkpoint writer stores the arrays as binary).
 */
export interface OptimizerState {
  kind: OptimizerKind;
  /** Keyed by parameter name. */
  parameters: Record<string, ParameterState>;
}

export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Updates every slot's `value` in place from its `gradient`, with this step's learning rate. */
  step(parameters: readonly ParameterSlot[], learningRate: number): void;
  /** A deep copy of the state, safe to write while training continues. */
  state(): OptimizerState;
  /** Replaces the state with a deep copy of `state` (from `state()` of an optimizer of the same kind). */
  load(state: OptimizerState): void;
}
