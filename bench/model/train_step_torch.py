#!/usr/bin/env python3
"""Forward+backward throughput of the same small Qwen2.5-VL in PyTorch eager (the Python side of
dev.videop2r.bench.model.TrainStepBench; `bin/bench train-step` runs both). Reads config.json + model.safetensors
(F32) and the batch file (input_ids, labels, pixel_values_videos) that the comparison writes, so both sides run
identical weights and inputs.

A compact eager port of HF modeling_qwen2_5_vl.py (4.5x): vision tower with block-diagonal (window / per-frame)
attention masks as HF's eager path, patch merger, Qwen2 decoder with GQA and M-RoPE, get_rope_index.

Usage: python3 bench/model/train_step_torch.py MODEL_DIR BATCH_FILE WARMUP STEPS [PROFILE.json]
(with a profile path, three more steps run under torch's autograd profiler, written as a Chrome trace).
"""
import json
import math
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

MIN = torch.finfo(torch.float32).min


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    types = {"F32": "<f4", "I64": "<i8"}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in types:
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}; the bench reads F32 and I64 only")
        b, e = info["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[b:e], dtype=types[info["dtype"]]).copy()).reshape(info["shape"])
    return out


def rms_norm(x, w, eps):
    x32 = x.float()
    return w * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps)).to(x.dtype)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def window_index(grids, window, merge):
    index, cu, offset = [], [0], 0
    for t, h, w in grids:
        mh, mw = h // merge, w // merge
        idx = torch.arange(t * mh * mw).reshape(t, mh, mw)
        ph, pw = window - mh % window, window - mw % window
        nh, nw = (mh + ph) // window, (mw + pw) // window
        pad = F.pad(idx, (0, pw, 0, ph), value=-100).reshape(t, nh, window, nw, window)
        pad = pad.permute(0, 1, 3, 2, 4).reshape(t, nh * nw, window, window)
        seqlens = (pad != -100).sum([2, 3]).reshape(-1)
        index.append(pad[pad != -100] + offset)
        cu.extend((seqlens.cumsum(0) * merge * merge + cu[-1]).tolist())
        offset += t * mh * mw
    return torch.cat(index), torch.unique_consecutive(torch.tensor(cu))


def block_mask(cu, n):
    mask = torch.full((1, n, n), MIN)
    for i in range(1, len(cu)):
        mask[..., cu[i - 1]:cu[i], cu[i - 1]:cu[i]] = 0
    return mask


class Model:
    def __init__(self, cfg, w):
        self.c, self.v, self.w = cfg, cfg["vision_config"], w
        self.tied = cfg.get("tie_word_embeddings", False)

    def vision(self, pixels, grids):
        v, w = self.v, self.w
        d, heads, merge = v["hidden_size"], v["num_heads"], v["spatial_merge_size"]
        hd = d // heads
        x = pixels @ w["visual.patch_embed.proj.weight"].reshape(d, -1).t()
        inv = 1.0 / (10000 ** (torch.arange(0, hd // 2, 2, dtype=torch.float) / (hd // 2)))
        pos = []
        for t, h, ww in grids:
            hp = torch.arange(h).unsqueeze(1).expand(-1, ww).reshape(h // 2, 2, ww // 2, 2).permute(0, 2, 1, 3).flatten()
            wp = torch.arange(ww).unsqueeze(0).expand(h, -1).reshape(h // 2, 2, ww // 2, 2).permute(0, 2, 1, 3).flatten()
            pos.append(torch.stack([hp, wp], -1).repeat(t, 1))
        pos = torch.cat(pos)
        rot = (pos.unsqueeze(-1).float() * inv).flatten(1)
        widx, cu_win = window_index(grids, v["window_size"] // merge // v["patch_size"], merge)
        n = x.shape[0]
        unit = merge * merge
        x = x.reshape(n // unit, unit, -1)[widx].reshape(n, -1)
        rot = rot.reshape(n // unit, unit, -1)[widx].reshape(n, -1)
        emb = torch.cat((rot, rot), -1)
        cos, sin = emb.cos().unsqueeze(-2), emb.sin().unsqueeze(-2)
        cu_full = torch.tensor([0] + np.cumsum([h * ww for t, h, ww in grids for _ in range(t)]).tolist())
        masks = {True: block_mask(cu_full.tolist(), n), False: block_mask(cu_win.tolist(), n)}
        for i in range(v["depth"]):
            p = f"visual.blocks.{i}."
            h = rms_norm(x, w[p + "norm1.weight"], 1e-6)
            q, k, vv = F.linear(h, w[p + "attn.qkv.weight"], w[p + "attn.qkv.bias"]).reshape(n, 3, heads, hd).permute(1, 0, 2, 3).unbind(0)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            q, k, vv = q.transpose(0, 1), k.transpose(0, 1), vv.transpose(0, 1)
            att = q @ k.transpose(1, 2) / math.sqrt(hd) + masks[i in v["fullatt_block_indexes"]]
            o = (att.softmax(-1, dtype=torch.float32) @ vv).transpose(0, 1).reshape(n, -1)
            x = x + F.linear(o, w[p + "attn.proj.weight"], w[p + "attn.proj.bias"])
            h = rms_norm(x, w[p + "norm2.weight"], 1e-6)
            g = F.silu(F.linear(h, w[p + "mlp.gate_proj.weight"], w[p + "mlp.gate_proj.bias"]))
            u = F.linear(h, w[p + "mlp.up_proj.weight"], w[p + "mlp.up_proj.bias"])
            x = x + F.linear(g * u, w[p + "mlp.down_proj.weight"], w[p + "mlp.down_proj.bias"])
        m = rms_norm(x, w["visual.merger.ln_q.weight"], 1e-6).reshape(n // unit, -1)
        m = F.linear(F.gelu(F.linear(m, w["visual.merger.mlp.0.weight"], w["visual.merger.mlp.0.bias"])),
                     w["visual.merger.mlp.2.weight"], w["visual.merger.mlp.2.bias"])
        return m[torch.argsort(widx)]

    def rope_index(self, ids, grids, seconds):
        c = self.c
        b_, l_ = ids.shape
        pos = torch.ones(3, b_, l_, dtype=torch.long)
        vi = 0
        for b in range(b_):
            toks = ids[b].tolist()
            parts, st = [], 0
            nxt = 0
            while c["video_token_id"] in toks[st:]:
                ed = toks.index(c["video_token_id"], st)
                t, h, w = grids[vi]
                gh, gw = h // 2, w // 2
                text = ed - st
                parts.append(torch.arange(text).view(1, -1).expand(3, -1) + nxt)
                tt = (torch.arange(t).view(-1, 1).expand(-1, gh * gw) * int(seconds[vi]) * self.v["tokens_per_second"]).flatten()
                hh = torch.arange(gh).view(1, -1, 1).expand(t, -1, gw).flatten()
                ww = torch.arange(gw).view(1, 1, -1).expand(t, gh, -1).flatten()
                parts.append(torch.stack([tt, hh, ww]) + text + nxt)
                nxt = int(parts[-1].max()) + 1
                st = ed + t * gh * gw
                vi += 1
            if st < len(toks):
                parts.append(torch.arange(len(toks) - st).view(1, -1).expand(3, -1) + nxt)
            pos[:, b] = torch.cat(parts, 1)
        return pos

    def forward(self, ids, pixels, grids, seconds):
        c, w = self.c, self.w
        hdim, heads, kvh = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"]
        hd = hdim // heads
        b_, l_ = ids.shape
        x = F.embedding(ids, w["model.embed_tokens.weight"])
        feats = self.vision(pixels, grids)
        x = x.masked_scatter((ids == c["video_token_id"]).unsqueeze(-1).expand_as(x), feats)
        pos = self.rope_index(ids, grids, seconds)
        inv = 1.0 / (c["rope_theta"] ** (torch.arange(0, hd, 2, dtype=torch.float) / hd))
        freqs = pos.unsqueeze(-1).float() * inv
        emb = torch.cat((freqs, freqs), -1)
        sec = c["rope_scaling"]["mrope_section"] * 2
        cos = torch.cat([m[i % 3] for i, m in enumerate(emb.cos().split(sec, -1))], -1).unsqueeze(1)
        sin = torch.cat([m[i % 3] for i, m in enumerate(emb.sin().split(sec, -1))], -1).unsqueeze(1)
        causal = torch.full((l_, l_), MIN).triu(1)
        for i in range(c["num_hidden_layers"]):
            p = f"model.layers.{i}."
            h = rms_norm(x, w[p + "input_layernorm.weight"], c["rms_norm_eps"])
            q = F.linear(h, w[p + "self_attn.q_proj.weight"], w[p + "self_attn.q_proj.bias"]).view(b_, l_, heads, hd).transpose(1, 2)
            k = F.linear(h, w[p + "self_attn.k_proj.weight"], w[p + "self_attn.k_proj.bias"]).view(b_, l_, kvh, hd).transpose(1, 2)
            v = F.linear(h, w[p + "self_attn.v_proj.weight"], w[p + "self_attn.v_proj.bias"]).view(b_, l_, kvh, hd).transpose(1, 2)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            k = k.repeat_interleave(heads // kvh, dim=1)
            v = v.repeat_interleave(heads // kvh, dim=1)
            att = q @ k.transpose(2, 3) / math.sqrt(hd) + causal
            o = (att.softmax(-1, dtype=torch.float32) @ v).transpose(1, 2).reshape(b_, l_, -1)
            x = x + F.linear(o, w[p + "self_attn.o_proj.weight"])
            h = rms_norm(x, w[p + "post_attention_layernorm.weight"], c["rms_norm_eps"])
            x = x + F.linear(F.silu(F.linear(h, w[p + "mlp.gate_proj.weight"])) * F.linear(h, w[p + "mlp.up_proj.weight"]),
                             w[p + "mlp.down_proj.weight"])
        x = rms_norm(x, w["model.norm.weight"], c["rms_norm_eps"])
        head = w["model.embed_tokens.weight"] if self.tied else w["lm_head.weight"]
        return F.linear(x, head)


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    model_dir, batch_file, warmup, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(1)
    cfg = json.load(open(f"{model_dir}/config.json"))
    weights = read_safetensors(f"{model_dir}/model.safetensors")
    for t in weights.values():
        t.requires_grad_(True)
    model = Model(cfg, weights)
    inputs = read_safetensors(batch_file)
    ids, labels, pixels = inputs["input_ids"], inputs["labels"].unsqueeze(-1), inputs["pixel_values_videos"]
    batch, length = ids.shape
    grids, seconds = [(2, 8, 8)] * batch, [1.0] * batch

    def step():
        logits = model.forward(ids, pixels, grids, seconds)
        loss = -logits.log_softmax(-1).gather(-1, labels).mean()
        loss.backward()
        for t in weights.values():
            t.grad = None
        return loss.item()

    for _ in range(warmup):
        step()
    cpu_start = time.process_time()
    wall = []
    for _ in range(steps):
        t0 = time.perf_counter()
        loss = step()
        wall.append(time.perf_counter() - t0)
    cpu_ms = (time.process_time() - cpu_start) * 1000 / steps
    median_ms = sorted(wall)[steps // 2] * 1000
    tokens = batch * length
    print(f"torch eager fwd+bwd: batch {batch} x {length}, {steps} steps: median {median_ms:.1f} ms/step wall; "
          f"process CPU {cpu_ms:.1f} ms/step -> {tokens / (cpu_ms / 1000):.1f} tokens/CPU-s; loss {loss:.4f}; "
          f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(f"result cpu_ms={cpu_ms:.3f} wall_ms={median_ms:.3f} loss={loss:.6f}")
    if len(sys.argv) > 5:
        with torch.autograd.profiler.profile(record_shapes=True) as prof:
            for _ in range(3):
                step()
        prof.export_chrome_trace(sys.argv[5])


if __name__ == "__main__":
    main()
