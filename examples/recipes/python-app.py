"""A Python app that calls the Messages API and logs each response's usage as one JSON line.

Run it under the gate, on the machine's file ledger:

    agent-credit-gate run --ledger "file:$HOME/.agent-credit-gate/ledger.json" --monthly-credits 100 \
      --prompt 'Triage the new tickets.' --model sonnet --max-turns 1 --job-key python/triage \
      --usage-file usage.jsonl -- python3 python-app.py

The gate hands the cap over in AGENT_CREDIT_GATE_MAX_BUDGET_USD; `record` prices usage.jsonl with the
same table as Claude Code's results. Only the standard library is used; with the anthropic SDK, log
`response.model_dump_json()` instead (the same shape: a Messages API response per line).
"""
import json
import os
import urllib.request

cap = float(os.environ["AGENT_CREDIT_GATE_MAX_BUDGET_USD"])
base = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com")
request = urllib.request.Request(
    f"{base}/v1/messages",
    data=json.dumps(
        {
            "model": "claude-sonnet-4-5",
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Triage the new tickets."}],
        }
    ).encode(),
    headers={
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    },
)
# One log per run: `record` counts every line of it, so a log left from an earlier run must not grow.
with open("usage.jsonl", "w") as log, urllib.request.urlopen(request) as answer:
    response = json.load(answer)
    log.write(json.dumps(response) + "\n")
print(f"{response['usage']['output_tokens']} output tokens; cap ${cap:.4f}")
