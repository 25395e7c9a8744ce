/** The one typed settings object every shell builds and the core reads. */
import type { StoreLocation } from '../store/types.js';
/** Identifies the gated agent step across runs (history) and within one run (idempotency). */
export interface JobKey {
    /** owner/name of the repository the workflow runs in. */
    repository: string;
    /** Workflow name (GITHUB_WORKFLOW). */
    workflow: string;
    /** Job id (GITHUB_JOB). */
    job: string;
    /** Step id of the gate (GITHUB_ACTION), or the `job-key` input. */
    step: string;
    /** GITHUB_RUN_ID; `local` in the CLI unless --run-id is given. */
    runId: string;
    /** GITHUB_RUN_ATTEMPT; 1 by default. */
    runAttempt: number;
    /** Who triggered the run and on which pull request (from the event; absent in a local CLI run). */
    trigger?: Trigger;
}
/** Who started a run, as the event says: what `allowed-associations` and the per-person limit judge. */
export interface Trigger {
    /** Login of the person who triggered the run (GITHUB_TRIGGERING_ACTOR, else GITHUB_ACTOR). */
    actor?: string;
    /** Their author association with the repository (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …). */
    association?: string;
    /** The pull request the run belongs to (a pull_request event, or a comment on a pull request). */
    pullRequest?: number;
}
export declare const PLANS: readonly ["pro", "max", "max-5x", "team", "enterprise", "team-standard", "team-premium"];
export type Plan = (typeof PLANS)[number];
export type CacheTtl = 'auto' | '5m' | '1h' | 'off';
export type Auth = 'subscription' | 'api-key';
export type GateOn = 'p50' | 'p90' | 'max';
export type OnExhaust = 'fail' | 'warn' | 'skip';
export type { CommentMode } from '../github/comment.js';
import type { CommentMode } from '../github/comment.js';
export type OnLedgerError = 'fail' | 'warn';
/** Where the ledger lives. */
export type LedgerLocation = StoreLocation;
export interface EstimateSettings {
    /** Prompt text given inline (`prompt`). */
    prompt?: string;
    /** Path of a file holding the prompt (`prompt-file`). */
    promptFile?: string;
    /** Glob patterns of files the agent loads up front (`context-files`). */
    contextFiles: string[];
    /** Model id, dated id, alias or provider id as the user wrote it (`model`). */
    model: string;
    /** Agent preset: its fixed prefix and per-turn defaults (`agent`). */
    agent: 'claude-code' | 'none';
    /** Hard cap on turns; the `max` estimate (`max-turns`). */
    maxTurns: number;
    /** Turns a typical run takes; preset default when absent (`expected-turns`). */
    expectedTurns?: number;
    /** Tokens the context grows by per turn; preset default when absent (`growth-per-turn`). */
    growthPerTurn?: number;
    /** Output tokens per turn; preset default when absent (`output-per-turn`). */
    outputPerTurn?: number;
    /** Cache TTL the agent requests; `auto`: this job's runs, else auth + claude-version, else measured (`cache-ttl`). */
    cacheTtl: CacheTtl;
    /** Claude Code version the agent step runs, e.g. 2.1.331 (`claude-version`). */
    claudeVersion?: string;
    /** Share (0–1) of previously sent context read from cache; preset default when absent (`cache-hit-rate`). */
    cacheHitRate?: number;
    /** How the agent authenticates: subscription (the plan's credit) or an API key (`auth`). */
    auth: Auth;
    /** A price table file that replaces or extends the built-in one (`pricing-file`). */
    pricingFile?: string;
    /** Anthropic API key for exact token counts (`anthropic-api-key`); never printed. */
    anthropicApiKey?: string;
    /** Base URL of the Anthropic API (ANTHROPIC_BASE_URL). */
    anthropicBaseUrl: string;
    /** How many past actuals of this job key to blend into the estimate (`history-runs`). */
    historyRuns: number;
}
/** The inputs that describe the cycle's account, kept in its ledger document so every report agrees. */
export type AccountInput = 'plan' | 'seats' | 'monthly-credits' | 'overage' | 'external-spend' | 'billing-cycle-day';
export declare const ACCOUNT_INPUTS: readonly AccountInput[];
export interface BudgetSettings {
    /**
     * The account inputs given explicitly (the action's are all given: its inputs are the workflow's
     * configuration); the others come from the cycle's ledger document when it records them.
     */
    explicit: AccountInput[];
    /** Plan preset that gives the monthly credit (`plan`; pro when not given). */
    plan: Plan;
    /** Seats whose per-seat credit this account spends (`seats`). */
    seats: number;
    /** Explicit monthly credit in USD; overrides the plan preset (`monthly-credits`). */
    monthlyCredits?: number;
    /** Day of month (UTC) the credit resets; short months clamp to their last day (`billing-cycle-day`). */
    billingCycleDay: number;
    /** USD that may be spent past the credit; 0 when `overage: off` (`overage`). */
    overageUsd: number;
    /** USD spent this cycle outside this ledger (`external-spend`). */
    externalSpendUsd: number;
    /** Percent of the credit at which the gate warns (`warn-at`). */
    warnAtPct: number;
    /** Which estimate the gate holds and checks (`gate-on`). */
    gateOn: GateOn;
    /** USD one run may spend at most: bounds the hold and the cap; a p50 past it is refused (`max-run-usd`). */
    maxRunUsd?: number;
    /** What a refused run does (`on-exhaust`). */
    onExhaust: OnExhaust;
}
/** Whether a budget counts every dollar or only real money (`budget-applies-to`). */
export type AppliesTo = 'all' | 'real';
export type ActorPeriod = 'cycle' | 'day';
/** Limits beside the monthly budget, who may spend, and alerts: each checked in the hold's ledger write. */
export interface LimitSettings {
    /** This job's most USD in any rolling 24 hours, by hold time (`max-daily-usd`). */
    maxDailyUsd?: number;
    /** The whole ledger's most USD in any rolling 24 hours (`ledger-max-daily-usd`). */
    ledgerMaxDailyUsd?: number;
    /** Most USD on one pull request per cycle (`max-pr-usd`). */
    maxPrUsd?: number;
    /** This repository's budget per cycle (`repository-budget-usd`). */
    repositoryBudgetUsd?: number;
    /** This job's budget per cycle (`job-budget-usd`). */
    jobBudgetUsd?: number;
    /** Most USD per person per `actorPeriod` (`max-actor-usd`). */
    maxActorUsd?: number;
    actorPeriod: ActorPeriod;
    /** Upper-case author associations that may trigger a run; empty: anyone (`allowed-associations`). */
    allowedAssociations: string[];
    /** Which dollars budgets count (`budget-applies-to`). */
    appliesTo: AppliesTo;
    /** Percents of a budget at which to alert, ascending (`alert-at`). */
    alertAtPct: number[];
    /** Where alerts go (`alert-webhook`); a secret, never printed. */
    alertWebhook?: string;
}
export interface LedgerSettings {
    /** Where the ledger document lives (`ledger`, `ledger-repository`, `ledger-ref`). */
    location: LedgerLocation;
    /** Whose subscription windows the runs use (`account`; the ledger's repository by default). */
    account: string;
    /** Token for a GitHub ledger (`ledger-token`, default `github-token`); never printed. */
    token?: string;
    /** Connection string of a postgres ledger (`ledger-url`; the CLI's environment); never printed. */
    url?: string;
    /** Hours a hold stays live before it stops counting (`hold-hours`). */
    holdHours: number;
    /** Fail closed (`fail`) or open (`warn`) when the ledger cannot be read or written (`on-ledger-error`). */
    onLedgerError: OnLedgerError;
}
export interface ReportSettings {
    /** Sticky PR comment behaviour (`comment`). */
    comment: CommentMode;
    /** Distinguishes several gates' comments in one PR (`comment-tag`). */
    commentTag: string;
    /** Name of the check run; empty disables it (`check-name`). */
    checkName: string;
    /** Claude's result file read by the post step (`usage-file`). */
    usageFile?: string;
    /** Where the JSON report is written (`report-file`). */
    reportFile: string;
}
export interface GitHubSettings {
    /** Token for comments, checks and (by default) the ledger (`github-token`); never printed. */
    token?: string;
    /** REST API base URL (GITHUB_API_URL), so GHES and test servers work. */
    apiUrl: string;
}
export interface Settings {
    estimate: EstimateSettings;
    budget: BudgetSettings;
    limits: LimitSettings;
    ledger: LedgerSettings;
    reports: ReportSettings;
    github: GitHubSettings;
    job: JobKey;
}
