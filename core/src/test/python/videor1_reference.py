"""Writes golden Video-R1 reward values computed with real Python semantics.

Re-states Video-R1's accuracy_reward and format_reward (grpo.py, as specified in shared/spec/video-r1.md §6.4)
for the types that need only the standard library, and VSI-Bench's official MRA with numpy. The Java tests
(VideoR1GoldenTest) replay every case and require bit-identical results. Run from the repository root:

    python3 core/src/test/python/videor1_reference.py > core/src/test/resources/dev/videop2r/reward/videor1-golden.jsonl
"""
import itertools
import json
import random
import re

import numpy as np


def extract_answer(text):
    match = re.search(r'<answer>\s*(.*?)\s*</answer>', text, re.DOTALL)
    return match.group(1).strip() if match else ""


def normalize_number(num_str):
    try:
        return float(num_str.replace(',', ''))
    except Exception:
        return None


def wer(reference, hypothesis):
    ref, hyp = reference.split(), hypothesis.split()
    d = [[0] * (len(hyp) + 1) for _ in range(len(ref) + 1)]
    for i in range(len(ref) + 1):
        d[i][0] = i
    for j in range(len(hyp) + 1):
        d[0][j] = j
    for i in range(1, len(ref) + 1):
        for j in range(1, len(hyp) + 1):
            if ref[i - 1] == hyp[j - 1]:
                d[i][j] = d[i - 1][j - 1]
            else:
                d[i][j] = 1 + min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1])
    return d[len(ref)][len(hyp)] / max(1, len(ref))


def accuracy(content, sol, question_type):
    try:
        output_ans = extract_answer(content)
        gt_ans = extract_answer(sol)
        if question_type == "multiple choice":
            return 1.0 if output_ans.strip() == gt_ans.strip() else 0.0
        if question_type == "numerical":
            gt_has_decimal = ("." in gt_ans) or ("," in gt_ans)
            out_has_decimal = ("." in output_ans) or ("," in output_ans)
            if gt_has_decimal != out_has_decimal:
                return 0.0
            gt_number, out_number = normalize_number(gt_ans), normalize_number(output_ans)
            if gt_number is None or out_number is None:
                return 0.0
            return 1.0 if round(gt_number, 2) == round(out_number, 2) else 0.0
        if question_type == "OCR":
            return max(0.0, min(1.0, 1 - wer(gt_ans, output_ans)))
        if question_type == "regression":
            gt_number, out_number = normalize_number(gt_ans), normalize_number(output_ans)
            reward = 0.0 if gt_number is None or out_number is None else None
            rel_diff = (abs(out_number - gt_number) + 1e-9) / (abs(gt_number) + 1e-9)  # TypeError on None
            rel_diff = min(1.0, max(0.0, rel_diff))
            return 1 - rel_diff if reward is None else reward
        return 0.0
    except Exception:
        return 0.0


def format_reward(content):
    return 1.0 if re.fullmatch(r"<think>.*?</think>\s*<answer>.*?</answer>", content, re.DOTALL) else 0.0


def official_mra(pred, target):
    thresholds = np.linspace(0.5, 0.95, int((0.95 - 0.5) / 0.05 + 2))
    return float((abs(pred - target) / target <= 1 - thresholds).mean())


ANSWERS = ["A", " A ", "A.", "(A)", "a", "B", "3", "3.0", "3.00", "3.004", "3.005", "3.015", "0.125", "0.12",
           "0.13", "2.675", "2.67", "2.68", "1,000", "1000", "1_000", "1e3", "inf", "-inf", "nan", "NaN",
           "Infinity", "3d", "0x10", "\u0663", "\u00a03", "\u001c3", "1,5", "15", "-0.001", "0", "0.0", "12",
           "12 apples", "", "  ", "hello world", "Hello, World", "the quick brown fox", "the quick fox",
           "a\u001fb", "a\u00a0b", "a b", "1e400", "-5", "4.5", "4", "10", "9", "7,243,000", "7243000"]
WRAPPERS = ["<think>x</think><answer>{}</answer>", "<answer>{}</answer>", "{}",
            "<think><answer>{}</answer></think><answer>Z</answer>", "<answer>\n{}\n</answer>\n",
            "<think>t</think>\u001c<answer>\u001d{}\u001e</answer>", " <think>t</think> <answer>{}</answer>",
            "<observation>o</observation><think>t</think>\n<answer>{}</answer>"]
TYPES = ["multiple choice", "numerical", "OCR", "regression"]


def main():
    rng = random.Random(20251121)
    cases = []
    for qtype, gold, pred in itertools.product(TYPES, ANSWERS, ANSWERS):
        if rng.random() < 0.12:
            cases.append((qtype, gold, pred, rng.choice(WRAPPERS)))
    for qtype, gold, pred, wrapper in cases:
        completion = wrapper.format(pred)
        solution = "<answer>" + gold + "</answer>"
        print(json.dumps({"problem_type": qtype, "solution": solution, "completion": completion,
                          "accuracy": accuracy(completion, solution, qtype),
                          "format": format_reward(completion),
                          "extracted": extract_answer(completion),
                          "split": completion.split(), "strip": completion.strip()}))
    for pred, target in itertools.product([0, 0.4, 3, 3.5, 4, 4.5, 5, 9, 9.5, 10, 10.5, 11, 13.5, 20],
                                          [0.4, 3, 4, 10, 12.5]):
        print(json.dumps({"mra_prediction": pred, "mra_target": target, "mra_official": official_mra(pred, target)}))


if __name__ == "__main__":
    main()
