"""Writes model/src/main/resources/dev/videop2r/model/qwen/fused-ops.pt, the TorchScript module behind FusedOps.

DJL 0.35 has no SiLU: composed as x * sigmoid(x) it costs three elementwise passes forward and four backward per
call over [B, L, intermediate], where libtorch's fused silu / silu_backward take one each. Its view_as_complex is
a copy without autograd, so the rotary's complex product runs here too (see Rotary.java). Run with Debian's
python3-torch (1.13; libtorch 2.7.1 loads the file): /usr/bin/python3 model/src/main/torchscript/fused_ops.py
The module holds no parameters; autograd records the ops it runs like any other (DJL runs it in training mode).
"""
import os
import torch


class FusedOps(torch.nn.Module):
    def forward(self, gate: torch.Tensor, up: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.silu(gate) * up

    @torch.jit.export
    def rotate(self, x: torch.Tensor, table: torch.Tensor) -> torch.Tensor:
        """x [..., d] (halves layout) times the complex table [..., d/2]; the result's pairs are interleaved."""
        lead = x.shape[:-1]
        half = x.shape[-1] // 2
        pairs = x.reshape(lead + [2, half]).transpose(-1, -2).contiguous()
        return torch.view_as_real(torch.view_as_complex(pairs) * table).flatten(-2)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "dev", "videop2r", "model", "qwen", "fused-ops.pt")
    torch.jit.script(FusedOps()).save(os.path.normpath(out))
    print(os.path.normpath(out))
