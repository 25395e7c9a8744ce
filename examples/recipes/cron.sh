#!/usr/bin/env bash
# A nightly agent on one machine (crontab: `0 3 * * * $HOME/bin/nightly-agent.sh`), against a file
# ledger on that machine. Skipped, not failed, when the month's budget would not fit: exit 0, a line on
# stderr, and the log says why.
set -euo pipefail
mkdir -p "$HOME/.agent-credit-gate"
cd "$HOME"
agent-credit-gate run \
  --ledger "file:$HOME/.agent-credit-gate/ledger.json" --monthly-credits 100 --on-exhaust skip \
  --prompt 'Summarise the open issues in one page.' --model sonnet --max-turns 8 \
  --job-key cron/nightly-summary \
  -- claude -p 'Summarise the open issues in one page.' --model sonnet --max-turns 8 --output-format stream-json --verbose \
  > "nightly-$(date +%F).jsonl" 2>> nightly-agent.log
