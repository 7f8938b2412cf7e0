"""PyTorch baseline for `npm run bench`: times one QAT+KD training step.

    /usr/bin/python3 bench/pytorch_step.py --model mlp|cnn|resnet18|mobilenet_v2|all --threads 2 --steps 50 --warmup 10 [--rounds K]

The MNIST models are DistQ's (engine/models/mnistModels.ts) with PyTorch's default init, batch 128,
precomputed teacher logits. resnet18 and mobilenet_v2 are torchvision's (10 classes, seeded init,
3×64×64 inputs, batch 32, BatchNormalization folded into the convolutions as DistQ folds it); their
teacher is the same network in FP32, run forward (without gradient) inside every step.
One step: fake-quantize every Conv/Linear weight (symmetric int8 per output channel, scale =
max|w|/127 computed each step without gradient) and every Conv/Linear input (symmetric int8 per
tensor, a fixed scale calibrated once before timing) with the fake-quant kernels that
torch.ao.quantization's FakeQuantize modules call, forward, loss = 0.5·CE(student, labels) +
0.5·T²·KL(softmax(teacher/T) ‖ softmax(student/T)) with T = 2, backward, SGD with momentum 0.9.
See docs/benchmark.md.

Prints one JSON line per model and round:
    {"model", "threads", "blas", "stepsMs", "medianMs", "round", "batch", "pageFaultsPerStep",
     "mallocEnv", "threadEnv", "torch"}

glibc reads the malloc settings only when the process starts, so they must be in the environment
before Python runs: the launcher passes them (`--print-malloc-env` prints the recommended ones as
JSON), or `--tuned-malloc` makes this script re-execute itself with them.
"""
import argparse
import ctypes
import json
import os
import resource
import statistics
import sys
import time

# Keep the allocator from returning memory to the kernel between steps and from serving the large
# activation/im2col buffers (up to ~29 MB in the CNN at batch 128) with fresh mmaps, each of which
# costs thousands of page faults per step. 32 MiB is the largest mmap threshold glibc accepts on
# 64-bit (larger values are ignored).
RECOMMENDED_MALLOC_ENV = {
    'MALLOC_MMAP_THRESHOLD_': str(32 * 1024 * 1024),
    'MALLOC_TRIM_THRESHOLD_': str(1024 * 1024 * 1024),
    'MALLOC_TOP_PAD_': str(256 * 1024 * 1024),
}

# Two thread pools share the cores: PyTorch's OpenMP pool (elementwise ops, pooling, oneDNN
# convolutions) and OpenBLAS's own pthread pool (matrix products). Each spins after its work by
# default (libgomp ~300k iterations, OpenBLAS 2^28 cycles), so with 2 threads each on 2 cores they
# steal time from each other. Shorter spins fix that; both libraries read these when torch is
# imported, so setting them here (unless the caller already did) is enough.
RECOMMENDED_THREAD_ENV = {
    'GOMP_SPINCOUNT': '10000',
    'OPENBLAS_THREAD_TIMEOUT': '4',
}

TEMPERATURE = 2.0
CE_WEIGHT = 0.5
KD_WEIGHT = 0.5
LEARNING_RATE = 0.01
MOMENTUM = 0.9
WEIGHT_QMIN, WEIGHT_QMAX = -127, 127
ACTIVATION_QMIN, ACTIVATION_QMAX = -128, 127
MNIST_BATCH = 128
ZOO_BATCH = 32
ZOO_MODELS = ('resnet18', 'mobilenet_v2')
ZOO_IMAGE_SHAPE = (3, 64, 64)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--model', default='all', choices=['mlp', 'cnn', *ZOO_MODELS, 'all'])
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--steps', type=int, default=50)
    parser.add_argument('--warmup', type=int, default=10)
    parser.add_argument('--rounds', type=int, default=1, help='timed rounds per model, one JSON line each')
    parser.add_argument('--batch', type=int, default=None, help='default: 128 for the MNIST models, 32 for the torchvision ones')
    parser.add_argument('--tuned-malloc', action='store_true', help='re-execute with the recommended malloc settings')
    parser.add_argument('--default-spin', action='store_true', help='keep the libraries\' default spin-waits (for comparison)')
    parser.add_argument('--print-malloc-env', action='store_true', help='print the recommended malloc settings as JSON and exit')
    return parser.parse_args()


def reexec_with_tuned_malloc():
    if all(os.environ.get(k) == v for k, v in RECOMMENDED_MALLOC_ENV.items()):
        return
    env = {**os.environ, **RECOMMENDED_MALLOC_ENV}
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


def timed_rounds(step, args):
    """Warm-up steps, then per round the milliseconds of each step, their median and the page faults per step."""
    for _ in range(args.warmup):
        step()
    for round_index in range(args.rounds):
        steps_ms = []
        faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(args.steps):
            start = time.perf_counter()
            step()
            steps_ms.append((time.perf_counter() - start) * 1000)
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before
        yield {
            'stepsMs': [round(ms, 4) for ms in steps_ms], 'medianMs': round(statistics.median(steps_ms), 4),
            'round': round_index, 'pageFaultsPerStep': round(faults / args.steps, 1),
        }


# torch is imported only after the decision to re-execute, so a re-exec stays cheap.
def prepare_torch(args):
    """Applies --tuned-malloc and the spin settings, imports torch with --threads threads.

    Returns (torch, blas description, malloc env, thread env), or None after --print-malloc-env."""
    if args.print_malloc_env:
        print(json.dumps(RECOMMENDED_MALLOC_ENV))
        return None
    if args.tuned_malloc:
        reexec_with_tuned_malloc()
    if not args.default_spin:
        for key, value in RECOMMENDED_THREAD_ENV.items():
            os.environ.setdefault(key, value)
    import torch
    torch.set_num_threads(args.threads)
    blas = describe_blas(torch, args.threads)
    if 'OpenBLAS' not in blas:
        print(f'warning: PyTorch is not using OpenBLAS ({blas}); install libopenblas0-pthread', file=sys.stderr)
    malloc_env = {k: os.environ[k] for k in RECOMMENDED_MALLOC_ENV if k in os.environ}
    thread_env = {k: os.environ[k] for k in RECOMMENDED_THREAD_ENV if k in os.environ}
    return torch, blas, malloc_env, thread_env


def main():
    args = parse_args()
    prepared = prepare_torch(args)
    if prepared is None:
        return
    torch, blas, malloc_env, thread_env = prepared
    for name in (['mlp', 'cnn', *ZOO_MODELS] if args.model == 'all' else [args.model]):
        batch = args.batch or (ZOO_BATCH if name in ZOO_MODELS else MNIST_BATCH)
        bench = StepBenchmark(torch, name, batch)
        for row in timed_rounds(bench.step, args):
            print(json.dumps({
                'model': name, 'threads': args.threads, 'blas': blas, **row,
                'batch': batch, 'mallocEnv': malloc_env, 'threadEnv': thread_env, 'torch': torch.__version__,
            }), flush=True)


def describe_blas(torch, threads):
    """Names the BLAS library actually mapped into the process after a matmul, and sets OpenBLAS's
    own thread pool to the same size as PyTorch's (Debian's PyTorch does not do that itself)."""
    a = torch.ones(64, 64)
    _ = a @ a
    with open('/proc/self/maps') as maps:
        paths = sorted({line.split()[-1] for line in maps if '/' in line and 'blas' in line.lower()})
    openblas = next((p for p in paths if 'libopenblas' in os.path.basename(p)), None)
    if openblas is None:
        return 'unknown BLAS: ' + (', '.join(paths) or 'none mapped')
    library = ctypes.CDLL(openblas)
    library.openblas_set_num_threads(threads)
    library.openblas_get_config.restype = ctypes.c_char_p
    config = library.openblas_get_config().decode()
    return f'OpenBLAS ({config}; {os.path.basename(openblas)}; {library.openblas_get_num_threads()} threads)'


class StepBenchmark:
    def __init__(self, torch, name, batch):
        self.torch = torch
        torch.manual_seed(0)
        if name in ZOO_MODELS:
            self.layers, self.model, self.teacher = build_zoo_model(torch, name)
            self.images = torch.randn(batch, *ZOO_IMAGE_SHAPE)
        else:
            self.layers, self.model = build_model(torch, name)
            self.teacher = None
            self.images = torch.rand(batch, 1, 28, 28)
            self.teacher_logits = 3 * torch.randn(batch, 10)
        self.labels = torch.randint(0, 10, (batch,))
        calibrate_activation_scales(torch, self.model, self.layers, self.images)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)

    def step(self):
        torch = self.torch
        F = torch.nn.functional
        self.optimizer.zero_grad(set_to_none=True)
        student = self.model(self.images)
        with torch.no_grad():
            teacher_logits = self.teacher(self.images) if self.teacher is not None else self.teacher_logits
            teacher_log_probs = F.log_softmax(teacher_logits / TEMPERATURE, dim=1)
        kd = F.kl_div(F.log_softmax(student / TEMPERATURE, dim=1), teacher_log_probs, reduction='batchmean', log_target=True)
        loss = CE_WEIGHT * F.cross_entropy(student, self.labels) + KD_WEIGHT * TEMPERATURE ** 2 * kd
        loss.backward()
        self.optimizer.step()
        return loss.item()


def fake_quant_layer_class(torch):
    nn = torch.nn

    class FakeQuantLayer(nn.Module):
        """Wraps a Conv2d/Linear: fake-quantized input (per tensor) and weight (per channel)."""

        def __init__(self, layer):
            super().__init__()
            self.layer = layer
            self.activation_scale = None  # set by calibrate_activation_scales
            self.calibrating = False
            self.observed_max = 0.0

        def forward(self, x):
            if self.calibrating:
                self.observed_max = max(self.observed_max, x.detach().abs().max().item())
                return self.layer(x)
            x = torch.fake_quantize_per_tensor_affine(x, self.activation_scale, 0, ACTIVATION_QMIN, ACTIVATION_QMAX)
            weight = self.layer.weight
            with torch.no_grad():
                scale = weight.abs().amax(dim=tuple(range(1, weight.dim()))).clamp_min(1e-12) / WEIGHT_QMAX
                zero_point = torch.zeros(weight.shape[0], dtype=torch.int32)
            weight = torch.fake_quantize_per_channel_affine(weight, scale, zero_point, 0, WEIGHT_QMIN, WEIGHT_QMAX)
            if isinstance(self.layer, nn.Conv2d):
                layer = self.layer
                return nn.functional.conv2d(x, weight, layer.bias, layer.stride, layer.padding, layer.dilation, layer.groups)
            return nn.functional.linear(x, weight, self.layer.bias)

    return FakeQuantLayer


def build_model(torch, name):
    nn = torch.nn
    FakeQuantLayer = fake_quant_layer_class(torch)

    if name == 'mlp':
        core = [nn.Linear(784, 512), nn.Linear(512, 256), nn.Linear(256, 10)]
        layers = [FakeQuantLayer(layer) for layer in core]
        model = nn.Sequential(nn.Flatten(), layers[0], nn.ReLU(), layers[1], nn.ReLU(), layers[2])
    else:
        core = [nn.Conv2d(1, 32, 3, padding=1), nn.Conv2d(32, 64, 3, padding=1), nn.Linear(64 * 7 * 7, 128), nn.Linear(128, 10)]
        layers = [FakeQuantLayer(layer) for layer in core]
        model = nn.Sequential(
            layers[0], nn.ReLU(), nn.MaxPool2d(2),
            layers[1], nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), layers[2], nn.ReLU(), layers[3])
    return layers, model.train()


def build_zoo_model(torch, name):
    """A torchvision classifier with BatchNormalization folded (as DistQ folds it before QAT), every
    Conv2d/Linear wrapped in a FakeQuantLayer; the teacher is the folded network in FP32."""
    import copy
    import torchvision
    from torch.fx.experimental.optimization import fuse
    FakeQuantLayer = fake_quant_layer_class(torch)
    torch.manual_seed(0)
    # eval(): folding needs it, and mobilenet_v2's dropout is not in the ONNX export DistQ trains.
    folded = fuse(getattr(torchvision.models, name)(num_classes=10).eval())
    teacher = copy.deepcopy(folded).eval()
    layers = []
    for path, module in list(folded.named_modules()):
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            parent_path, _, attribute = path.rpartition('.')
            layer = FakeQuantLayer(module)
            setattr(folded.get_submodule(parent_path) if parent_path else folded, attribute, layer)
            layers.append(layer)
    return layers, folded, teacher


def calibrate_activation_scales(torch, model, layers, images):
    """One full-precision pass: each quantized input gets the fixed scale max|x|/127."""
    for layer in layers:
        layer.calibrating = True
    with torch.no_grad():
        model(images)
    for layer in layers:
        layer.calibrating = False
        layer.activation_scale = max(layer.observed_max, 1e-8) / ACTIVATION_QMAX


if __name__ == '__main__':
    main()
