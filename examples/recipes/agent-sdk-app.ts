// A TypeScript Agent SDK app: gate, run query() with the cap, record from the SDK's own result message.
// The GitHub ledger every CI shares (GH_TOKEN from the environment).
import { query } from '@anthropic-ai/claude-agent-sdk'
import { gateRun } from 'agent-credit-gate'

const prompt = 'Review the open pull request.'
const run = await gateRun({
  inputs: {
    prompt,
    model: 'sonnet',
    'max-turns': 12,
    'monthly-credits': 100,
    ledger: 'github:acme/agent-ledger',
    'job-key': 'sdk-app/review'
  }
})
if (!run.allowed) {
  console.error(`skipped: ${run.decision?.reason}`)
} else {
  for await (const message of query({
    prompt,
    options: { model: 'claude-sonnet-4-5', maxTurns: 12, maxBudgetUsd: run.maxBudgetUsd }
  })) {
    if (message.type === 'result') {
      const recorded = await run.record(message)
      console.error(`recorded $${recorded.actual.usd.toFixed(4)} (${recorded.outcome})`)
    }
  }
}
