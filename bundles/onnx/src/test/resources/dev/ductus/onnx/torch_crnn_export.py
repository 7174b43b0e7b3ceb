#!/usr/bin/env python3
"""Exports a small seeded copy of ../shared/peers/crnn_bench.py's CRNN (PyLaia-style: conv + LeakyReLU +
max-pool blocks, 2-layer BLSTM, linear) to ONNX, with its logits for a seeded input, for the Ductus cross-check.

  python3 torch_crnn_export.py OUT_DIR [--seed 7] [--full]

Writes OUT_DIR/crnn.onnx (input "pixels" N x 1 x H x W, output "logits" T x N x C; N and W dynamic),
OUT_DIR/input.f32 (the H x W input line, float32 little-endian, values in [0, 1]) and OUT_DIR/logits.f32
(T x C logits of that line) and OUT_DIR/shape.txt ("H W T C").
"""
import argparse, os, sys, warnings

import torch
import torch.nn as nn


class CRNN(nn.Module):
    """crnn_bench.py's CRNN, unchanged but for smaller default sizes."""

    def __init__(self, n_classes=80, height=64, chans=(16, 32, 48, 64), hidden=128):
        super().__init__()
        layers, cin = [], 1
        for i, c in enumerate(chans):
            layers += [nn.Conv2d(cin, c, 3, padding=1), nn.LeakyReLU(0.01)]
            if i < 3:
                layers.append(nn.MaxPool2d(2))
            cin = c
        self.conv = nn.Sequential(*layers)
        self.rnn = nn.LSTM(chans[-1] * (height // 8), hidden, num_layers=2, bidirectional=True)
        self.fc = nn.Linear(2 * hidden, n_classes)

    def forward(self, x):                      # x: N x 1 x H x W
        y = self.conv(x)                       # N x 64 x H/8 x W/8
        n, c, h, w = y.shape
        y = y.permute(3, 0, 1, 2).reshape(w, n, c * h)  # T x N x (64*H/8)
        y, _ = self.rnn(y)
        return self.fc(y)                      # T x N x classes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--height", type=int, default=32)
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--classes", type=int, default=11)
    ap.add_argument("--full", action="store_true", help="crnn_bench.py's sizes: 64 rows, 80 classes, 16-64 filters, BLSTM 128")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")  # torch.onnx's notes on LSTM batch sizes and constant shapes
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    if a.full:
        a.height, a.width, a.classes = 64, 512, 80
        model = CRNN(a.classes, a.height).eval()
    else:
        model = CRNN(a.classes, a.height, chans=(4, 8, 8, 12), hidden=16).eval()
    x = torch.rand(1, 1, a.height, a.width)
    with torch.no_grad():
        logits = model(x)[:, 0, :]
    os.makedirs(a.out, exist_ok=True)
    torch.onnx.export(model, x, os.path.join(a.out, "crnn.onnx"), input_names=["pixels"], output_names=["logits"],
                      dynamic_axes={"pixels": {0: "N", 3: "W"}, "logits": {0: "T", 1: "N"}}, opset_version=13)
    x[0, 0].numpy().astype("<f4").tofile(os.path.join(a.out, "input.f32"))
    logits.numpy().astype("<f4").tofile(os.path.join(a.out, "logits.f32"))
    with open(os.path.join(a.out, "shape.txt"), "w") as f:
        f.write("%d %d %d %d\n" % (a.height, a.width, logits.shape[0], logits.shape[1]))
    print("torch %s: exported %s" % (torch.__version__, os.path.join(a.out, "crnn.onnx")))


if __name__ == "__main__":
    sys.exit(main())
