"""Exports torchvision classifiers to ONNX for the FP32-vs-INT8 latency bench (bench/latency.ts).

Run from the repository root with Debian's PyTorch (apt: python3-torch python3-torchvision):

    /usr/bin/python3 bench/models/export_torchvision.py --opset 17 [--out bench/.cache/models] [MODEL ...]

Each model is built with 10 classes and seeded random weights (latency does not depend on
the weights), put in eval mode and exported with `torch.onnx.export` for 3×64×64 inputs with
a dynamic batch dimension (resnet8_mnist, a residual CNN, for 1×28×28), as a new user would export it: BatchNormalization left in, the
exporter's default constant folding. Files are written as `<model>_opset<N>.onnx`; an existing
file is kept (delete it to export again). The files are generated, not committed.
"""
import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models as models


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


class ResNet8(nn.Module):
    """The residual MNIST CNN: a 16-channel stem and three basic blocks (16, 32, 64 channels)."""

    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.blocks = nn.Sequential(BasicBlock(16, 16, 1), BasicBlock(16, 32, 2), BasicBlock(32, 64, 2))
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


MODELS = {
    'resnet8_mnist': lambda: ResNet8(),
    'resnet18': lambda: models.resnet18(num_classes=10),
    'mobilenet_v2': lambda: models.mobilenet_v2(num_classes=10),
    'mobilenet_v3_small': lambda: models.mobilenet_v3_small(num_classes=10),
    'efficientnet_b0': lambda: models.efficientnet_b0(num_classes=10),
    'regnet_x_400mf': lambda: models.regnet_x_400mf(num_classes=10),
    'shufflenet_v2_x0_5': lambda: models.shufflenet_v2_x0_5(num_classes=10),
    'squeezenet1_1': lambda: models.squeezenet1_1(num_classes=10),
    'densenet121': lambda: models.densenet121(num_classes=10),
    'googlenet': lambda: models.googlenet(num_classes=10, aux_logits=False, init_weights=True),
    'mnasnet0_5': lambda: models.mnasnet0_5(num_classes=10),
    'convnext_tiny': lambda: models.convnext_tiny(num_classes=10),
    'vit_tiny': lambda: models.VisionTransformer(image_size=64, patch_size=8, num_layers=4, num_heads=4, hidden_dim=128, mlp_dim=256, num_classes=10),
}
SIZE = 64


def export(name, opset, out):
    path = os.path.join(out, f'{name}_opset{opset}.onnx')
    if os.path.exists(path):
        return path
    torch.manual_seed(0)
    model = MODELS[name]().eval()
    example = torch.randn(1, 1, 28, 28) if name == 'resnet8_mnist' else torch.randn(1, 3, SIZE, SIZE)
    tmp = path + '.tmp'
    torch.onnx.export(model, example, tmp, opset_version=opset, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}})
    os.replace(tmp, path)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--opset', type=int, default=17)
    parser.add_argument('--out', default=os.path.join('bench', '.cache', 'models'))
    parser.add_argument('models', nargs='*', default=list(MODELS))
    args = parser.parse_args()
    unknown = [m for m in args.models if m not in MODELS]
    if unknown:
        sys.exit(f'unknown model(s) {", ".join(unknown)}; known: {", ".join(MODELS)}')
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    for name in args.models:
        print(export(name, args.opset, args.out), flush=True)


if __name__ == '__main__':
    main()
