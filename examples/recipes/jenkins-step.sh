#!/usr/bin/env bash
# Jenkins (or any CI's shell step): `sh './ci/claude-step.sh'` in a Jenkinsfile stage, with the ledger
# token bound from a credential: withCredentials([string(credentialsId: 'ledger-token', variable: 'GH_TOKEN')]).
# The same GitHub ledger as every other CI; BUILD_TAG names the run, so a retried build holds once.
set -euo pipefail
agent-credit-gate run \
  --ledger github:acme/agent-ledger --monthly-credits 100 \
  --prompt-file prompts/review.md --model sonnet --max-turns 12 \
  --job-key jenkins/claude-step --run-id "jenkins-${BUILD_TAG}" \
  -- claude -p "$(cat prompts/review.md)" --model sonnet --max-turns 12 --output-format stream-json --verbose \
  > claude-output.jsonl
