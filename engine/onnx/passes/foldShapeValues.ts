/**
 * Folding of shape arithmetic over tensors whose shapes are partly symbolic: the
 * exporter chains Shape → Gather/Slice → Unsqueeze → Concat → Reshape. Each int
 * vector's value is tracked entry by entry (a number, a dim's symbol, or unknown);
 * fully known values become initializers, and a Reshape whose target is known up to
 * the symbols of its input gets an equivalent constant target.
 */
import { DataType } from '../dataType.ts';
import { getInt, makeTensor, optionalInput } from '../builder.ts';
import type { Dim, Graph, Node, Tensor, ValueInfo } from '../ir.ts';
import { constantInts } from '../shapes/shapeFunction.ts';
import { UNKNOWN_DIM } from '../shapes/dims.ts';
import { clampSlice } from '../shapes/indexing.ts';
import { shapeRange } from '../shapes/shape.ts';

/** One entry of a shape value: a number, a symbolic dim, or null when unknown. */
type Entry = number | string | null;

interface ShapeValue {
  entries: Entry[];
  /** A 0-d tensor (Gather of a scalar index) rather than a vector. */
  scalar: boolean;
}

const INT_TYPES = new Set([DataType.INT64, DataType.INT32]);
/** Vectors longer than this are data, not shapes. */
const MAX_SHAPE_LENGTH = 64;

function entryOf(dim: Dim): Entry {
  return typeof dim === 'number' ? dim : dim === UNKNOWN_DIM ? null : dim;
}

function known(value: ShapeValue): value is { entries: number[]; scalar: boolean } {
  return value.entries.every((e) => typeof e === 'number');
}

function unknownVector(info: ValueInfo | undefined): ShapeValue | undefined {
  const length = info?.shape?.length === 1 ? info.shape[0] : undefined;
  return typeof length === 'number' && length <= MAX_SHAPE_LENGTH ? { entries: new Array<Entry>(length).fill(null), scalar: false } : undefined;
}

/** The value of a node's output as far as it follows from its inputs' values; undefined when nothing is known. */
function evaluate(node: Node, valueOf: (name: string) => ShapeValue | undefined, infos: ReadonlyMap<string, ValueInfo>, constants: ReadonlyMap<string, Tensor>): ShapeValue | undefined {
  const input = (i: number): ShapeValue | undefined => {
    const name = optionalInput(node, i);
    return name === undefined ? undefined : valueOf(name);
  };
  const constantList = (i: number): number[] | undefined => {
    const name = optionalInput(node, i);
    const t = name === undefined ? undefined : constants.get(name);
    return t ? constantInts(t) : undefined;
  };
  switch (node.opType) {
    case 'Shape': {
      const shape = infos.get(node.inputs[0]!)?.shape;
      if (!shape) return undefined;
      const [start, end] = shapeRange(shape.length, getInt(node, 'start', 0), node.attributes.has('end') ? getInt(node, 'end', 0) : undefined);
      return { entries: shape.slice(start, end).map(entryOf), scalar: false };
    }
    case 'Identity':
      return input(0);
    case 'Cast':
      return INT_TYPES.has(getInt(node, 'to', 0)) ? input(0) : undefined;
    case 'Gather': {
      const data = input(0);
      const indicesName = node.inputs[1]!;
      const indices = constants.get(indicesName);
      if (!data || data.scalar || !indices || getInt(node, 'axis', 0) !== 0 || indices.dims.length > 1) return undefined;
      const picked = constantInts(indices).map((i) => data.entries[i < 0 ? i + data.entries.length : i]);
      if (picked.some((e) => e === undefined)) return undefined;
      return { entries: picked as Entry[], scalar: indices.dims.length === 0 };
    }
    case 'Slice': {
      const data = input(0);
      const starts = constantList(1);
      const ends = constantList(2);
      const axes = constantList(3) ?? [0];
      const steps = constantList(4) ?? [1];
      if (!data || data.scalar || !starts || !ends || starts.length !== 1 || (axes[0] !== 0 && axes[0] !== -1)) return undefined;
      if ((node.inputs[3] && !constantList(3)) || (node.inputs[4] && !constantList(4))) return undefined;
      const step = steps[0]!;
      const { first, count } = clampSlice(data.entries.length, starts[0]!, ends[0]!, step);
      return { entries: Array.from({ length: count }, (_, k) => data.entries[first + k * step]!), scalar: false };
    }
    case 'Unsqueeze': {
      const data = input(0);
      return data?.scalar ? { entries: data.entries, scalar: false } : undefined;
    }
    case 'Squeeze': {
      const data = input(0);
      return data && !data.scalar && data.entries.length === 1 ? { entries: data.entries, scalar: true } : undefined;
    }
    case 'Concat': {
      // A part computed at run time still has a known length: its entries are unknown.
      const parts = node.inputs.map((name) => valueOf(name) ?? unknownVector(infos.get(name)));
      if (parts.some((p) => !p || p.scalar) || parts.every((p) => p!.entries.every((e) => e === null))) return undefined;
      return { entries: parts.flatMap((p) => p!.entries), scalar: false };
    }
    default:
      return undefined;
  }
}

/**
 * An equivalent constant target for a Reshape whose target entries are numbers or
 * symbols of its input: the one entry left unknown becomes −1 (which Reshape
 * infers), or symbols standing where the input has them become 0 (copy).
 */
function constantReshapeTarget(target: Entry[], input: Dim[], allowZero: boolean): number[] | undefined {
  const symbols = input.filter((d): d is string => typeof d === 'string');
  if (symbols.includes(UNKNOWN_DIM)) return undefined;
  const inputStatic = (input.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
  const resolved: Entry[] = target.map((e, i) => (e === 0 && !allowZero ? entryOf(input[i] ?? UNKNOWN_DIM) : e));
  // Resolve a −1 when the other entries account for every symbol of the input.
  const inferredAt = resolved.indexOf(-1);
  if (inferredAt >= 0) {
    const others = resolved.filter((_, i) => i !== inferredAt);
    const remaining = [...symbols];
    for (const e of others) {
      if (typeof e !== 'string') continue;
      const k = remaining.indexOf(e);
      if (k < 0) return undefined;
      remaining.splice(k, 1);
    }
    const otherStatic = (others.filter((e) => typeof e === 'number') as number[]).reduce((a, b) => a * b, 1);
    if (remaining.length === 0 && !others.includes(null) && otherStatic !== 0 && inputStatic % otherStatic === 0) {
      resolved[inferredAt] = inputStatic / otherStatic;
    } else if (remaining.length === 1 && !others.includes(null) && otherStatic === inputStatic) {
      resolved[inferredAt] = remaining[0]!;
    }
  }
  const open = resolved.map((e, i) => (typeof e === 'number' && e !== -1 ? -2 : i)).filter((i) => i !== -2);
  if (open.length <= 1) return resolved.map((e) => (typeof e === 'number' ? e : -1));
  if (allowZero) return undefined;
  // Keep symbols in place with 0; at most one entry may remain for −1.
  const copied = target.map((e, i) => (typeof e === 'string' && input[i] === e ? 0 : e));
  const stillOpen = copied.filter((e) => typeof e !== 'number' || e === -1);
  if (stillOpen.length > 1) return undefined;
  return copied.map((e) => (typeof e === 'number' ? e : -1));
}

function int64Tensor(name: string, dataType: DataType, value: { entries: number[]; scalar: boolean }): Tensor {
  const dims = value.scalar ? [] : [value.entries.length];
  const data = dataType === DataType.INT32 ? Int32Array.from(value.entries) : BigInt64Array.from(value.entries.map((v) => BigInt(v)));
  return makeTensor(name, dataType, dims, data);
}

/**
 * Replaces shape-arithmetic nodes with fully known values by initializers and
 * gives Reshapes constant targets where their symbols allow. Returns how many
 * nodes it replaced or rewrote. `protectedNames` (graph outputs) are left alone;
 * Reshape targets with entries known only at run time are rewritten when allowed.
 */
export function foldShapeValues(graph: Graph, infos: ReadonlyMap<string, ValueInfo>, constants: Map<string, Tensor>, protectedNames: ReadonlySet<string>, allowRunTimeEntries: boolean): number {
  const values = new Map<string, ShapeValue>();
  const valueOf = (name: string): ShapeValue | undefined => {
    const cached = values.get(name);
    if (cached) return cached;
    const t = constants.get(name);
    if (!t || !INT_TYPES.has(t.dataType) || t.dims.length > 1 || t.data.length > MAX_SHAPE_LENGTH) return undefined;
    return { entries: constantInts(t), scalar: t.dims.length === 0 };
  };
  let changed = 0;
  const kept: Node[] = [];
  for (const node of graph.nodes) {
    if (node.domain === '' && node.opType === 'Reshape') changed += rewriteReshapeTarget(graph, node, valueOf, infos, constants, allowRunTimeEntries);
    const output = node.outputs[0];
    const value = node.domain === '' && node.outputs.length === 1 && output ? evaluate(node, valueOf, infos, constants) : undefined;
    if (!value || !output) {
      kept.push(node);
      continue;
    }
    values.set(output, value);
    const dataType = infos.get(output)?.dataType ?? DataType.INT64;
    if (known(value) && !protectedNames.has(output) && INT_TYPES.has(dataType) && !constants.has(output)) {
      const tensor = int64Tensor(output, dataType, value);
      graph.initializers.set(output, tensor);
      constants.set(output, tensor);
      changed += 1;
      continue;
    }
    kept.push(node);
  }
  graph.nodes = kept;
  return changed;
}

function rewriteReshapeTarget(graph: Graph, node: Node, valueOf: (name: string) => ShapeValue | undefined, infos: ReadonlyMap<string, ValueInfo>, constants: Map<string, Tensor>, allowRunTimeEntries: boolean): number {
  const targetName = node.inputs[1];
  if (!targetName || constants.has(targetName)) return 0;
  const target = valueOf(targetName);
  const input = infos.get(node.inputs[0]!)?.shape;
  if (!target || target.scalar || !input || (!allowRunTimeEntries && target.entries.includes(null))) return 0;
  const replacement = constantReshapeTarget(target.entries, input, getInt(node, 'allowzero', 0) === 1);
  if (!replacement) return 0;
  const name = uniqueName(graph, `${node.name || node.outputs[0]}/folded_shape`);
  const tensor = makeTensor(name, DataType.INT64, [replacement.length], BigInt64Array.from(replacement.map((v) => BigInt(v))));
  graph.initializers.set(name, tensor);
  constants.set(name, tensor);
  node.inputs[1] = name;
  return 1;
}

function uniqueName(graph: Graph, base: string): string {
  const taken = (n: string): boolean => graph.initializers.has(n) || graph.inputs.some((i) => i.name === n) || graph.nodes.some((x) => x.outputs.includes(n));
  let name = base;
  for (let k = 1; taken(name); k++) name = `${base}_${k}`;
  return name;
}
