"""PyTorch baseline for bench/transformerStep.ts: times one training step of a BERT-style encoder.

    /usr/bin/python3 bench/pytorch_transformer_step.py --variant fp32|qat|all --threads 2 --steps 20 --warmup 5 [--rounds K] [--tuned-malloc]

The model is the encoder classifier of engine/models/transformerBuilder.ts in eager PyTorch, with
the bench's spec: vocabulary 4096, sequence length 128, hidden size 64, 4 heads, 4 layers, FFN 256,
2 classes, LayerNorm eps 1e-12. Token + position embeddings → LayerNorm → 4 × [query/key/value
Linear, heads split, softmax(Q·Kᵀ/√16 + (1 − mask)·−10000)·V, heads merged, projection + residual
→ LayerNorm, Linear → GELU (erf) → Linear + residual → LayerNorm] → Linear on position 0 (no pooler,
as the builder). One step at batch 32: forward, mean cross-entropy, backward, SGD (lr 0.01,
momentum 0.9), on a fixed random batch of token ids with padded attention masks.

`qat` adds fake quantization where DistQ's insertFakeQuantization puts it: every Linear weight
(symmetric int8 per output channel, scale max|w|/127 each step without gradient) and every input
of a Linear or of the two attention products (Q·Kᵀ and probs·V; symmetric int8 per tensor, a fixed
scale of 0.05, the value bench/transformerStep.ts feeds DistQ), each tensor quantized once however
many Linears read it.

Prints `parameters: PyTorch N` (and DistQ's count when given `--distq-parameters`, which must be
equal) and then one JSON line per variant and round:
    {"variant", "threads", "blas", "stepsMs", "medianMs", "round", "batch", "parameters",
     "pageFaultsPerStep", "mallocEnv", "threadEnv", "torch"}

The malloc and spin settings are those of bench/pytorch_step.py (see docs/benchmark.md).
"""
import argparse
import json
import math
import os
import sys

from pytorch_step import prepare_torch, timed_rounds

VOCABULARY = 4096
SEQUENCE = 128
HIDDEN = 64
HEADS = 4
LAYERS = 4
INTERMEDIATE = 256
CLASSES = 2
EPSILON = 1e-12
LEARNING_RATE = 0.01
MOMENTUM = 0.9
WEIGHT_QMIN, WEIGHT_QMAX = -127, 127
ACTIVATION_QMIN, ACTIVATION_QMAX = -128, 127
ACTIVATION_SCALE = 0.05


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--variant', default='all', choices=['fp32', 'qat', 'all'])
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--steps', type=int, default=20)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--rounds', type=int, default=1, help='timed rounds per variant, one JSON line each')
    parser.add_argument('--batch', type=int, default=32)
    parser.add_argument('--distq-parameters', type=int, help='DistQ\'s parameter count, which must equal PyTorch\'s')
    parser.add_argument('--tuned-malloc', action='store_true', help='re-execute with the recommended malloc settings')
    parser.add_argument('--default-spin', action='store_true', help='keep the libraries\' default spin-waits (for comparison)')
    parser.add_argument('--print-malloc-env', action='store_true', help='print the recommended malloc settings as JSON and exit')
    return parser.parse_args()


def main():
    args = parse_args()
    prepared = prepare_torch(args)
    if prepared is None:
        return
    torch, blas, malloc_env, thread_env = prepared
    for variant in (['fp32', 'qat'] if args.variant == 'all' else [args.variant]):
        bench = StepBenchmark(torch, variant == 'qat', args.batch)
        parameters = sum(p.numel() for p in bench.model.parameters())
        if args.distq_parameters is not None:
            print(f'parameters: PyTorch {parameters}, DistQ {args.distq_parameters}', flush=True)
            assert parameters == args.distq_parameters, f'PyTorch has {parameters} parameters, DistQ {args.distq_parameters}'
        else:
            print(f'parameters: PyTorch {parameters}', flush=True)
        for row in timed_rounds(bench.step, args):
            print(json.dumps({
                'variant': variant, 'threads': args.threads, 'blas': blas, **row,
                'batch': args.batch, 'parameters': parameters, 'mallocEnv': malloc_env, 'threadEnv': thread_env, 'torch': torch.__version__,
            }), flush=True)


class StepBenchmark:
    def __init__(self, torch, quantize, batch):
        self.torch = torch
        torch.manual_seed(0)
        self.model = build_model(torch, quantize).train()
        self.input_ids, self.attention_mask, self.labels = random_batch(torch, batch)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        logits = self.model(self.input_ids, self.attention_mask)
        loss = self.torch.nn.functional.cross_entropy(logits, self.labels)
        loss.backward()
        self.optimizer.step()
        return loss.item()


def random_batch(torch, batch):
    """Token ids in [0, VOCABULARY), id 1 first; each row attends to a random length from 16 to SEQUENCE."""
    generator = torch.Generator().manual_seed(3)
    input_ids = torch.randint(0, VOCABULARY, (batch, SEQUENCE), generator=generator)
    input_ids[:, 0] = 1
    lengths = torch.randint(16, SEQUENCE + 1, (batch,), generator=generator)
    attention_mask = (torch.arange(SEQUENCE).expand(batch, -1) < lengths[:, None]).long()
    labels = torch.randint(0, CLASSES, (batch,), generator=generator)
    return input_ids * attention_mask, attention_mask, labels


def build_model(torch, quantize):
    nn = torch.nn
    F = nn.functional
    head_size = HIDDEN // HEADS

    def activation(x):
        """A Linear's or attention product's input, fake-quantized in the QAT variant."""
        return torch.fake_quantize_per_tensor_affine(x, ACTIVATION_SCALE, 0, ACTIVATION_QMIN, ACTIVATION_QMAX) if quantize else x

    def linear(layer, x):
        """layer(x) on an input already passed through `activation`, the weight fake-quantized in QAT."""
        weight = layer.weight
        if quantize:
            with torch.no_grad():
                scale = weight.abs().amax(dim=1).clamp_min(1e-12) / WEIGHT_QMAX
                zero_point = torch.zeros(weight.shape[0], dtype=torch.int32)
            weight = torch.fake_quantize_per_channel_affine(weight, scale, zero_point, 0, WEIGHT_QMIN, WEIGHT_QMAX)
        return F.linear(x, weight, layer.bias)

    class EncoderLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.query = nn.Linear(HIDDEN, HIDDEN)
            self.key = nn.Linear(HIDDEN, HIDDEN)
            self.value = nn.Linear(HIDDEN, HIDDEN)
            self.projection = nn.Linear(HIDDEN, HIDDEN)
            self.attention_norm = nn.LayerNorm(HIDDEN, eps=EPSILON)
            self.intermediate = nn.Linear(HIDDEN, INTERMEDIATE)
            self.output = nn.Linear(INTERMEDIATE, HIDDEN)
            self.output_norm = nn.LayerNorm(HIDDEN, eps=EPSILON)

        def forward(self, x, attention_bias):
            batch, length, _ = x.shape
            quantized_x = activation(x)
            split = lambda t: t.view(batch, length, HEADS, head_size)
            query = split(linear(self.query, quantized_x)).transpose(1, 2)
            key_transposed = split(linear(self.key, quantized_x)).permute(0, 2, 3, 1)
            value = split(linear(self.value, quantized_x)).transpose(1, 2)
            scores = torch.matmul(activation(query), activation(key_transposed)) * (1 / math.sqrt(head_size)) + attention_bias
            probs = F.softmax(scores, dim=-1)
            context = torch.matmul(activation(probs), activation(value)).transpose(1, 2).reshape(batch, length, HIDDEN)
            attention = self.attention_norm(linear(self.projection, activation(context)) + x)
            intermediate = F.gelu(linear(self.intermediate, activation(attention)))
            return self.output_norm(linear(self.output, activation(intermediate)) + attention)

    class EncoderClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.token = nn.Embedding(VOCABULARY, HIDDEN)
            self.position = nn.Embedding(SEQUENCE, HIDDEN)
            self.embedding_norm = nn.LayerNorm(HIDDEN, eps=EPSILON)
            self.layers = nn.ModuleList([EncoderLayer() for _ in range(LAYERS)])
            self.classifier = nn.Linear(HIDDEN, CLASSES)
            self.register_buffer('position_ids', torch.arange(SEQUENCE), persistent=False)

        def forward(self, input_ids, attention_mask):
            hidden = self.embedding_norm(self.token(input_ids) + self.position(self.position_ids))
            attention_bias = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
            for layer in self.layers:
                hidden = layer(hidden, attention_bias)
            return linear(self.classifier, activation(hidden[:, 0]))

    return EncoderClassifier()


if __name__ == '__main__':
    main()
