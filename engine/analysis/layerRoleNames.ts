/**
 * The role of a transformer's linear layer read from a name: a node, tensor or weight name
 * as DistQ's transformer builder writes it (`layer0/attention/query/matmul`,
 * `layer0/ffn/intermediate_linear/matmul`, `logits/matmul`) or as PyTorch exports Hugging Face
 * models (`/bert/encoder/layer.0/attention/self/query/MatMul`,
 * `bert.encoder.layer.0.attention.output.dense.bias`, `/bert/pooler/dense/Gemm`,
 * `/classifier/Gemm`; DistilBERT's `q_lin` … `lin2` as well).
 */

/** What a linear layer does, without its layer index. */
export type LinearRole =
  | 'attention · query'
  | 'attention · key'
  | 'attention · value'
  | 'attention · scores (Q·Kᵀ)'
  | 'attention · context (probs·V)'
  | 'attention · output projection'
  | 'FFN intermediate'
  | 'FFN output'
  | 'pooler'
  | 'classifier';

export interface NamedRole {
  role: LinearRole;
  /** The encoder layer, when the name carries one (`layer0`, `layer.0`, `layers.0`, `blocks.0`, `h.0`). */
  layer?: number;
}

const LAYER_WORDS = new Set(['layer', 'layers', 'block', 'blocks', 'h']);
const ATTENTION_WORDS = new Set(['attention', 'attn', 'self_attn', 'selfattention']);
const QUERY_WORDS = new Set(['query', 'q_lin', 'q_proj', 'q']);
const KEY_WORDS = new Set(['key', 'k_lin', 'k_proj', 'k']);
const VALUE_WORDS = new Set(['value', 'v_lin', 'v_proj', 'v']);
const PROJECTION_WORDS = new Set(['projection', 'out_lin', 'out_proj', 'o_proj', 'o']);
const INTERMEDIATE_WORDS = new Set(['lin1', 'fc1', 'up_proj', 'wi']);
const FFN_OUTPUT_WORDS = new Set(['lin2', 'fc2', 'down_proj', 'wo']);
const POOLER_WORDS = new Set(['pooler', 'pre_classifier']);
const CLASSIFIER_WORDS = new Set(['classifier', 'logits']);

/** `/bert/encoder/layer.0/attention/self/query/MatMul` → bert, encoder, layer, 0, attention, self, query, matmul. */
function segmentsOf(name: string): string[] {
  return name.toLowerCase().split(/[/.:]+/).filter(Boolean);
}

/** The layer index and where it ends: `layer0` or `layer`, `0`. */
function findLayer(segments: readonly string[]): { layer: number; end: number } | undefined {
  for (let i = 0; i < segments.length; i++) {
    const joined = /^(?:layer|layers|block|blocks)_?(\d+)$/.exec(segments[i]!);
    if (joined) return { layer: Number(joined[1]), end: i + 1 };
    const next = segments[i + 1];
    if (LAYER_WORDS.has(segments[i]!) && next !== undefined && /^\d+$/.test(next)) return { layer: Number(next), end: i + 2 };
  }
  return undefined;
}

const hasAny = (segments: readonly string[], words: ReadonlySet<string>): boolean => segments.some((s) => words.has(s));

/** Inside an attention block: the projections, or the two activation products by name (`scores…`, `context…`, HF's `self/MatMul` and `self/MatMul_1`). */
function attentionRole(segments: readonly string[]): LinearRole | undefined {
  if (hasAny(segments, QUERY_WORDS)) return 'attention · query';
  if (hasAny(segments, KEY_WORDS)) return 'attention · key';
  if (hasAny(segments, VALUE_WORDS)) return 'attention · value';
  if (hasAny(segments, PROJECTION_WORDS) || segments.includes('output')) return 'attention · output projection';
  if (segments.some((s) => s.startsWith('scores'))) return 'attention · scores (Q·Kᵀ)';
  if (segments.some((s) => s.startsWith('context'))) return 'attention · context (probs·V)';
  const last = segments[segments.length - 1];
  if (segments[segments.length - 2] === 'self' && last === 'matmul') return 'attention · scores (Q·Kᵀ)';
  if (segments[segments.length - 2] === 'self' && last === 'matmul_1') return 'attention · context (probs·V)';
  return undefined;
}

/** Inside a layer but outside attention: the feed-forward network. */
function feedForwardRole(segments: readonly string[]): LinearRole | undefined {
  if (hasAny(segments, INTERMEDIATE_WORDS) || segments.some((s) => s.startsWith('intermediate'))) return 'FFN intermediate';
  if (hasAny(segments, FFN_OUTPUT_WORDS) || segments.includes('output')) return 'FFN output';
  return undefined;
}

/** The role a name gives, or undefined when it follows neither naming. */
export function roleFromName(name: string): NamedRole | undefined {
  const segments = segmentsOf(name);
  const found = findLayer(segments);
  const inLayer = found ? segments.slice(found.end) : segments;
  const withLayer = (role: LinearRole | undefined): NamedRole | undefined => (role === undefined ? undefined : found ? { role, layer: found.layer } : { role });
  if (hasAny(inLayer, ATTENTION_WORDS)) return withLayer(attentionRole(inLayer.slice(inLayer.findIndex((s) => ATTENTION_WORDS.has(s)) + 1)));
  if (found || segments.includes('ffn') || segments.includes('mlp')) {
    const role = feedForwardRole(inLayer);
    if (role) return withLayer(role);
  }
  if (hasAny(segments, POOLER_WORDS)) return { role: 'pooler' };
  if (hasAny(segments, CLASSIFIER_WORDS)) return { role: 'classifier' };
  return undefined;
}
