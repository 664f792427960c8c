#!/usr/bin/python3
"""A small deterministic CNN + MLP for demos and walkthroughs.

  examples/small_cnn.py --out DIR

writes DIR/small_cnn.onnx (opset 13), DIR/input.npy (a 1x3x32x32 image) and DIR/expected.npy
(torch's output for it). Everything is generated from fixed seeds, so two runs write the same
numbers. Runs on Debian's /usr/bin/python3 (python3-torch, python3-onnx).
"""
import argparse
import os
import sys
import warnings

import numpy as np
import torch
from torch import nn


class SmallCNN(nn.Module):
    """Conv/BatchNorm/ReLU/pool feature extractor followed by a two-layer MLP classifier."""

    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1, groups=2), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(64, 128), nn.GELU(), nn.Linear(128, classes),
            nn.Softmax(dim=1),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


def build():
    torch.manual_seed(0)
    model = SmallCNN()
    # Non-trivial BatchNorm statistics, so that folding them is actually exercised.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    return model.eval()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output directory")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    model = build()
    image = torch.randn(1, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = model(image)
    warnings.filterwarnings("ignore", category=UserWarning)
    onnx_path = os.path.join(args.out, "small_cnn.onnx")
    torch.onnx.export(model, (image,), onnx_path, opset_version=13, do_constant_folding=True,
                      input_names=["image"], output_names=["probs"])
    np.save(os.path.join(args.out, "input.npy"), image.numpy())
    np.save(os.path.join(args.out, "expected.npy"), expected.numpy())
    print(f"small_cnn: wrote {onnx_path}, input.npy {tuple(image.shape)}, "
          f"expected.npy {tuple(expected.shape)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
