"""Writes model/src/main/resources/dev/videop2r/model/qwen/fused-ops.pt, the TorchScript module behind Ops.swiGluGate.

DJL 0.35 has no SiLU: composed as x * sigmoid(x) it costs three elementwise passes forward and four backward per
call over [B, L, intermediate], where libtorch's fused silu / silu_backward take one each. Run with Debian's
python3-torch (1.13; libtorch 2.7.1 loads the file): /usr/bin/python3 model/src/main/torchscript/fused_ops.py
The module holds no parameters; autograd records the ops it runs like any other (DJL runs it in training mode).
"""
import os
import torch


class FusedOps(torch.nn.Module):
    def forward(self, gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.silu(gate) * up


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "dev", "videop2r", "model", "qwen", "fused-ops.pt")
    torch.jit.script(FusedOps()).save(os.path.normpath(out))
    print(os.path.normpath(out))
