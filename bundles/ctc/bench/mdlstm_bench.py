#!/usr/bin/env python3
"""PyTorch CPU peer of the MDLSTM-CTC benchmark: the Graves/Pham architecture with a 2-D LSTM that loops over
anti-diagonals (PyTorch has no 2-D LSTM), timed like MdlstmSpeedBenchmark times ours.

  /usr/bin/python3 mdlstm_bench.py [--threads 2] [--height 48] [--width 432] [--batch 16]

Model (as our model string block=2x2,mdlstm=2,dropout=0.25,conv=6:2x4:s=2x4:tanh,mdlstm=10,dropout=0.25,
conv=20:2x4:tanh,mdlstm=50,dropout=0.5,collapse,dense=80): 2x2 blocks folded into channels; MDLSTM with 2,
10, 50 cells per direction, 4 directions concatenated; convolutions 6 (2x4, stride 2x4) and 20 (2x4, stride
1, padding 0x1) with tanh; sum over height; linear to 80 classes; log-softmax; CTC (mean).
The MDLSTM cell: z = x Wx + [h(up), h(left)] U + b, gates i, fy, fx, g, o; c = i g + fy c(up) + fx c(left);
h = o tanh(c). This implementation is as fast as we could make it in eager PyTorch: the four directions are
flipped copies stacked on a leading axis, so every anti-diagonal is ONE batched product (torch.bmm) for all
directions and the whole batch, the input projections of all positions and directions are one matmul, the
predecessors come from the previous diagonal by zero-padding and slicing (no gathers), and the diagonal
outputs are put back in raster order by one index_select.
Reported (JSON on the last line): forward time (training mode, autograd recording), training step
(forward + CTC + backward + Adam), inference lines/s at batch 1 and --batch (no_grad, eval), medians after
warm-up, each also as process CPU time (all threads), which a machine shared with other work disturbs less.
"""
import argparse, json, math, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F


class MDLSTM(nn.Module):
    def __init__(self, cin, hidden):
        super().__init__()
        self.h = hidden
        self.wx = nn.Linear(cin, 4 * 5 * hidden)
        u = torch.empty(4, 2 * hidden, 5 * hidden)
        for d in range(4):
            for blk in range(2):
                for g in range(5):
                    nn.init.orthogonal_(u[d, blk * hidden:(blk + 1) * hidden, g * hidden:(g + 1) * hidden])
        self.u = nn.Parameter(u)
        nn.init.zeros_(self.wx.bias)
        self.plans = {}

    def plan(self, H, W, device):
        key = (H, W)
        if key not in self.plans:
            diags, order = [], []
            for k in range(H + W - 1):
                i0, i1 = max(0, k - W + 1), min(H - 1, k)
                rows = torch.arange(i0, i1 + 1)
                diags.append((i0, i1, rows * W + (k - rows)))
                order.append(rows * W + (k - rows))
            order = torch.cat(order)
            inverse = torch.empty_like(order)
            inverse[order] = torch.arange(order.numel())
            self.plans[key] = (diags, inverse)
        return self.plans[key]

    def forward(self, x):                                   # x: N x H x W x C
        N, H, W, _ = x.shape
        h = self.h
        diags, inverse = self.plan(H, W, x.device)
        xw = self.wx(x).view(N, H, W, 4, 5 * h)
        xs = torch.stack([xw[..., 0, :], xw[..., 1, :].flip(2), xw[..., 2, :].flip(1), xw[..., 3, :].flip(1, 2)])
        xs = xs.reshape(4, N, H * W, 5 * h)
        outs = []
        prev_h = prev_c = None
        prev_i0 = 0
        for k, (i0, i1, flat) in enumerate(diags):
            L = i1 - i0 + 1
            z = xs.index_select(2, flat)                    # 4 x N x L x 5h
            if k > 0:
                ph = F.pad(prev_h, (0, 0, 1, 1))            # rows prev_i0 - 1 .. prev_i1 + 1
                pc = F.pad(prev_c, (0, 0, 1, 1))
                a, b = i0 - prev_i0, i0 - prev_i0 + 1
                up_h, left_h = ph[:, :, a:a + L], ph[:, :, b:b + L]
                up_c, left_c = pc[:, :, a:a + L], pc[:, :, b:b + L]
                hp = torch.cat([up_h, left_h], -1).reshape(4, N * L, 2 * h)
                z = z + torch.bmm(hp, self.u).view(4, N, L, 5 * h)
            i, fy, fx, g, o = z.chunk(5, -1)
            i, fy, fx, o = torch.sigmoid(i), torch.sigmoid(fy), torch.sigmoid(fx), torch.sigmoid(o)
            c = i * torch.tanh(g)
            if k > 0:
                c = c + fy * up_c + fx * left_c
            hh = o * torch.tanh(c)
            outs.append(hh)
            prev_h, prev_c, prev_i0 = hh, c, i0
        y = torch.cat(outs, 2).index_select(2, inverse).view(4, N, H, W, h)
        y = torch.cat([y[0], y[1].flip(2), y[2].flip(1), y[3].flip(1, 2)], -1)
        return y                                            # N x H x W x 4h


class MdlstmCtc(nn.Module):
    def __init__(self, classes=80):
        super().__init__()
        self.md1 = MDLSTM(4, 2)
        self.conv1 = nn.Conv2d(8, 6, (2, 4), stride=(2, 4))
        self.md2 = MDLSTM(6, 10)
        self.conv2 = nn.Conv2d(40, 20, (2, 4), padding=(0, 1))
        self.md3 = MDLSTM(20, 50)
        self.fc = nn.Linear(200, classes)
        self.d1, self.d2, self.d3 = nn.Dropout(0.25), nn.Dropout(0.25), nn.Dropout(0.5)

    def forward(self, x):                                   # x: N x 1 x H x W
        N, _, H, W = x.shape
        y = x.view(N, H // 2, 2, W // 2, 2).permute(0, 1, 3, 2, 4).reshape(N, H // 2, W // 2, 4)
        y = self.d1(self.md1(y))
        y = torch.tanh(self.conv1(y.permute(0, 3, 1, 2))).permute(0, 2, 3, 1)
        y = self.d2(self.md2(y))
        y = torch.tanh(self.conv2(y.permute(0, 3, 1, 2))).permute(0, 2, 3, 1)
        y = self.d3(self.md3(y))
        return self.fc(y.sum(1)).permute(1, 0, 2)          # T x N x classes


def forward_flops(H, W, classes=80):
    """2 x multiply-adds per line: MDLSTM input and recurrent products, convolutions, linear layer."""
    total = 0
    h, w = H // 2, W // 2
    for cin, hid, conv in ((4, 2, (6, 2, 4, 2, 4, 0)), (6, 10, (20, 2, 4, 1, 1, 1)), (20, 50, None)):
        total += 2 * h * w * 4 * (cin * 5 * hid + 2 * hid * 5 * hid)
        if conv:
            f, kh, kw, sy, sx, px = conv
            h, w = (h - kh) // sy + 1, (w + 2 * px - kw) // sx + 1
            total += 2 * h * w * f * kh * kw * 4 * hid
    total += 2 * w * 200 * classes
    return total, w


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--height", type=int, default=48)
    ap.add_argument("--width", type=int, default=432)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=6)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    N, H, W, C = a.batch, a.height, a.width, 80
    model = MdlstmCtc(C)
    flops, T = forward_flops(H, W, C)
    S = max(1, T // 3)
    opt = torch.optim.Adam(model.parameters(), lr=3e-4)
    x = torch.randn(N, 1, H, W)
    targets = torch.randint(1, C, (N, S), dtype=torch.long)
    in_len = torch.full((N,), T, dtype=torch.long)
    tg_len = torch.full((N,), S, dtype=torch.long)

    def step():
        opt.zero_grad(set_to_none=True)
        lp = model(x).log_softmax(2)
        loss = F.ctc_loss(lp, targets, in_len, tg_len, blank=0, reduction="mean")
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    step()
    fwd, train, losses, fwd_cpu, train_cpu = [], [], [], [], []
    for _ in range(a.steps):
        t0, c0 = time.perf_counter(), time.process_time()
        model(x).log_softmax(2)
        fwd.append(time.perf_counter() - t0)
        fwd_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        losses.append(step())
        train.append(time.perf_counter() - t0)
        train_cpu.append(time.process_time() - c0)
    model.eval()
    inf, inf_cpu = {}, {}
    with torch.no_grad():
        for b, warm, reps in ((1, 2, 9), (N, 1, 3)):
            xb = torch.randn(b, 1, H, W)
            for _ in range(warm):
                model(xb)
            ts, cs = [], []
            for _ in range(reps):
                t0, c0 = time.perf_counter(), time.process_time()
                model(xb)
                ts.append(time.perf_counter() - t0)
                cs.append(time.process_time() - c0)
            inf[b] = b / statistics.median(ts)
            inf_cpu[b] = 1e3 * statistics.median(cs) / b
    r = {"torch": torch.__version__, "threads": torch.get_num_threads(), "input": [N, 1, H, W], "frames": T,
         "target_len": S, "classes": C, "params": sum(p.numel() for p in model.parameters()),
         "forward_ms": 1e3 * statistics.median(fwd), "train_step_ms": 1e3 * statistics.median(train),
         "infer_b1_lps": inf[1], "infer_bN_lps": inf[N], "forward_flops_per_line": flops,
         "forward_cpu_ms": 1e3 * statistics.median(fwd_cpu), "train_step_cpu_ms": 1e3 * statistics.median(train_cpu),
         "infer_b1_cpu_ms": inf_cpu[1], "infer_bN_cpu_ms": inf_cpu[N],
         "loss_first_last": [losses[0], losses[-1]]}
    print("torch %s, %d threads, params %d, %.1f MFLOP/line forward" % (r["torch"], r["threads"], r["params"], flops / 1e6))
    print("batch %dx1x%dx%d: forward %.1f ms (%.2f ms/line), train step %.1f ms (%.2f ms/line); inference b1 %.2f lines/s, b%d %.2f lines/s"
          % (N, H, W, r["forward_ms"], r["forward_ms"] / N, r["train_step_ms"], r["train_step_ms"] / N, inf[1], N, inf[N]))
    print("CPU time (all threads) per line: forward %.2f ms, train step %.2f ms, inference b1 %.2f ms, b%d %.2f ms"
          % (r["forward_cpu_ms"] / N, r["train_step_cpu_ms"] / N, inf_cpu[1], N, inf_cpu[N]))
    print(json.dumps(r))


if __name__ == "__main__":
    main()
