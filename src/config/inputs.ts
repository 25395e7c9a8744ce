/**
 * Every input the action and the CLI accept, in one table: name, default and description.
 * action.yml and the README's table are checked against this list by a test.
 */
export interface InputSpec {
  /** Input name in action.yml; the CLI flag is `--${name}`. */
  name: string
  /** Default as the runner would pass it ('' = unset). */
  default: string
  description: string
  /** A secret: masked and never echoed in an error. */
  secret?: boolean
}

export const INPUTS: readonly InputSpec[] = [
  { name: 'prompt', default: '', description: 'Prompt text the agent step will be given.' },
  {
    name: 'prompt-file',
    default: '',
    description: 'Path of a file holding the prompt (instead of `prompt`).'
  },
  {
    name: 'context-files',
    default: '',
    description: 'Glob patterns (one per line) of files the agent loads up front, e.g. `src/**/*.ts`.'
  },
  {
    name: 'model',
    default: 'sonnet',
    description: 'Model id, dated id, alias (`opus`, `sonnet`, `haiku`, `fable`) or Bedrock/Vertex id.'
  },
  {
    name: 'agent',
    default: 'claude-code',
    description: 'Agent preset: `claude-code` (its ~12–22k-token prefix) or `none`.'
  },
  { name: 'max-turns', default: '10', description: 'Most turns the agent may take; the `max` estimate.' },
  {
    name: 'expected-turns',
    default: '',
    description: 'Turns a typical run takes (default: the preset share of `max-turns`).'
  },
  {
    name: 'growth-per-turn',
    default: '',
    description: 'Tokens the context grows per turn (tool results + output); preset default.'
  },
  { name: 'output-per-turn', default: '', description: 'Output tokens per turn; preset default.' },
  {
    name: 'cache-ttl',
    default: 'auto',
    description: 'Prompt-cache TTL: `auto` (1h on subscription, 5m on API key), `5m`, `1h` or `off`.'
  },
  {
    name: 'cache-hit-rate',
    default: '',
    description: 'Share 0–1 of previously sent context read from cache (default: preset, then history).'
  },
  {
    name: 'auth',
    default: 'subscription',
    description: '`subscription` (draws the Agent SDK credit) or `api-key`.'
  },
  {
    name: 'pricing-file',
    default: '',
    description: 'JSON price table that replaces or extends the built-in one (same schema).'
  },
  {
    name: 'anthropic-api-key',
    default: '',
    description: 'Optional: exact token counts via the free count_tokens endpoint.',
    secret: true
  },
  {
    name: 'history-runs',
    default: '10',
    description: 'How many past actuals of this job to blend into the estimate (0 = model only).'
  },
  {
    name: 'plan',
    default: 'pro',
    description: 'Plan preset for the monthly credit: `pro`, `max`, `max-5x`, `team`, `enterprise`.'
  },
  { name: 'monthly-credits', default: '', description: 'Monthly credit in USD; overrides the plan preset.' },
  {
    name: 'billing-cycle-day',
    default: '1',
    description: 'Day of month (1–31, UTC) the credit resets; short months clamp to their last day.'
  },
  {
    name: 'overage',
    default: 'off',
    description: '`off`, or a USD cap that may be spent past the credit.'
  },
  {
    name: 'external-spend',
    default: '0',
    description: 'USD spent this cycle outside this ledger (other bots, laptops); counted as spent.'
  },
  { name: 'warn-at', default: '80', description: 'Percent of the credit at which the gate warns.' },
  {
    name: 'gate-on',
    default: 'p90',
    description: 'Estimate the gate holds and checks: `p50`, `p90` or `max`.'
  },
  {
    name: 'on-exhaust',
    default: 'fail',
    description: 'When the run would not fit: `fail` the step, `warn` and go on, or `skip` (`allowed=false`).'
  },
  {
    name: 'ledger',
    default: 'github',
    description: 'Ledger store: `github` (a document on a ref of `ledger-repository`) or `file:PATH`.'
  },
  {
    name: 'ledger-repository',
    default: '',
    description: 'owner/name holding the ledger (default: this repository); share one across repos.'
  },
  {
    name: 'ledger-ref',
    default: 'refs/agent-credit-gate/ledger',
    description: 'Git ref the ledger commits live on (a custom ref: no push events, no branch rules).'
  },
  {
    name: 'ledger-token',
    default: '',
    description: 'Token for the ledger repository (default: `github-token`); needs contents: write.',
    secret: true
  },
  { name: 'hold-hours', default: '6', description: 'Hours a hold stays live before it stops counting.' },
  {
    name: 'on-ledger-error',
    default: 'fail',
    description:
      '`fail` closed (no hold, no agent run) or `warn` (go on, loudly) when the ledger is unreachable.'
  },
  {
    name: 'github-token',
    default: '${{ github.token }}',
    description: 'Token for comments, check runs and the ledger.',
    secret: true
  },
  {
    name: 'usage-file',
    default: '',
    description:
      "Claude's result file read by the post step (default: `$RUNNER_TEMP/claude-execution-output.json`)."
  },
  {
    name: 'report-file',
    default: '',
    description: 'Where to write the JSON report (default: `$RUNNER_TEMP/agent-credit-gate-report.json`).'
  },
  {
    name: 'comment',
    default: 'update',
    description: 'Sticky PR comment: `update` (create once, then edit), `on-change`, or `off`.'
  },
  {
    name: 'comment-tag',
    default: 'default',
    description: 'Keeps several gates in one PR in separate comments.'
  },
  {
    name: 'check-name',
    default: 'Agent credits',
    description: 'Check run name (usable as a required check); empty for none.'
  },
  {
    name: 'job-key',
    default: '',
    description: 'Name for this gated step in history (default: workflow/job/step id).'
  }
]

/** Every output the action sets, with its description (checked against action.yml by a test). */
export const OUTPUTS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'allowed', description: '`true` when the agent step may run.' },
  { name: 'decision', description: '`pass`, `warn` or `fail`.' },
  { name: 'estimate-usd', description: 'Estimated cost, p50 (expected turns), USD.' },
  { name: 'estimate-usd-p90', description: 'Estimated cost, p90, USD.' },
  { name: 'estimate-usd-max', description: 'Estimated cost at `max-turns`, USD.' },
  {
    name: 'estimate-tokens',
    description: 'Estimated input-side tokens of the first request (prefix + prompt + context).'
  },
  { name: 'cache-waste-usd', description: 'Estimated cost beyond an ideal cache profile, USD.' },
  { name: 'max-budget-usd', description: "The hold: pass it to Claude's `--max-budget-usd`." },
  { name: 'budget-usd', description: 'Credit plus allowed overage this cycle, USD.' },
  { name: 'spent-usd', description: 'Settled spend this cycle, external spend included, USD.' },
  { name: 'held-usd', description: 'Live holds this cycle (this run excluded), USD.' },
  { name: 'remaining-usd', description: 'Budget minus spent minus held, before this run, USD.' },
  { name: 'resets-at', description: 'When the credit resets (ISO 8601, UTC).' },
  { name: 'report-file', description: 'Path of the JSON report.' }
]
