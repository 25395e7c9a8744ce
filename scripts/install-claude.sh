#!/usr/bin/env bash
# Installs the pinned Claude Code CLI outside the repo (idempotent) and prints the executable's path
# on its last line. The native binary ships inside the npm package; nothing else is downloaded.
set -euo pipefail
version=2.1.331
dir=${CLAUDE_CLI_DIR:-$HOME/.cache/agent-credit-gate/claude-$version}
exe="$dir/node_modules/@anthropic-ai/claude-code/bin/claude.exe"
if [ ! -x "$exe" ] || [ ! -s "$exe" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "@anthropic-ai/claude-code@$version" >&2
fi
[ -x "$exe" ] && [ -s "$exe" ] || { echo "claude $version did not install a runnable binary at $exe" >&2; exit 1; }
echo "$exe"
