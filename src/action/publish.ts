/**
 * Where a report goes after main or post: the JSON file, the job summary, the sticky comment, the check
 * run and annotations. Comment and check are best effort: a read-only token (fork PRs, Dependabot)
 * gets a notice, never a failed job; the job summary always carries the report.
 */
import * as core from '@actions/core'
import type { Octokit } from '@octokit/rest'
import type { Settings } from '../config/settings.js'
import type { GateReport } from '../report/types.js'
import { commentMarker, renderReport } from '../report/markdown.js'
import { checkConclusion, checkTitle, statusDescription } from '../report/status.js'
import { annotationsFor, findStepLine } from '../report/annotations.js'
import { upsertStickyComment } from '../github/comment.js'
import { publishCheck } from '../github/check-run.js'
import { currentPullRequest, type PullRequestContext } from '../github/pull-request.js'
import { createGitHubClient } from '../github/client.js'
import { describeError } from '../github/errors.js'
import { consequencesOf } from '../budget/consequences.js'
import type { Files } from '../files/files.js'

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
    ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    : undefined
}

/** The line of the gated step in the workflow file, from GITHUB_WORKFLOW_REF (owner/repo/path@ref). */
async function workflowLocation(
  env: NodeJS.ProcessEnv,
  files: Files
): Promise<{ path?: string; line?: number }> {
  const ref = env.GITHUB_WORKFLOW_REF
  const m = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null
  if (!m) return {}
  const path = m[1]
  const yaml = await files.readIfExists(path)
  return yaml === undefined ? { path } : { path, line: findStepLine(yaml, { stepId: env.GITHUB_ACTION }) }
}

export interface Published {
  commentId?: number
  checkRunId?: number
}

export interface PublishContext {
  /** The workspace (the workflow file is read from it) and where the report file goes. */
  files: Files
  /** Client for the comment and the check run; none without a github-token. */
  octokit?: Octokit
  pr?: PullRequestContext
  /** The commit the check run goes on off pull requests (GITHUB_SHA). */
  headSha?: string
  /** What main created, for post to edit. */
  known?: Published
  env: NodeJS.ProcessEnv
  /**
   * `short` when post will publish the full report (main, with a hold written): the job summary then
   * carries the headline once, not two nearly identical reports. Default `full`.
   */
  summary?: 'short' | 'full'
}

/** The context the runner gives: its event, its commit, and a client from the github-token. */
export function runnerContext(
  settings: Settings,
  files: Files,
  known?: Published,
  summary: PublishContext['summary'] = 'full'
): PublishContext {
  const token = settings.github.token
  return {
    files,
    octokit: token
      ? createGitHubClient({ token, baseUrl: settings.github.apiUrl, log: core.info })
      : undefined,
    pr: currentPullRequest(process.env, settings.job.repository),
    headSha: process.env.GITHUB_SHA,
    known,
    env: process.env,
    summary
  }
}

/** Annotations on the gated step's line of the workflow file (and the prompt file). */
async function annotate(report: GateReport, settings: Settings, ctx: PublishContext): Promise<void> {
  const where = await workflowLocation(ctx.env, ctx.files)
  for (const a of annotationsFor(report, {
    workflowPath: where.path,
    line: where.line,
    promptFile: settings.estimate.promptFile
  })) {
    const props = { title: a.title, file: a.file, startLine: a.startLine }
    if (a.level === 'error') core.error(a.message, props)
    else if (a.level === 'warning') core.warning(a.message, props)
    else core.notice(a.message, props)
  }
}

interface Target {
  octokit: Octokit
  owner: string
  repo: string
  url?: string
}

/** The sticky PR comment; a fork's read-only token gets a notice instead. Returns the comment's id. */
async function comment(
  report: GateReport,
  settings: Settings,
  ctx: PublishContext,
  t: Target
): Promise<number | undefined> {
  const pr = ctx.pr
  if (!pr || settings.reports.comment === 'off') return undefined
  if (pr.fork) {
    core.notice('agent-credit-gate: fork pull request (read-only token): no comment; see the job summary')
    return undefined
  }
  const marker = commentMarker(settings.reports.commentTag)
  try {
    const outcome = await upsertStickyComment(
      t.octokit,
      { owner: t.owner, repo: t.repo, issueNumber: pr.number },
      {
        marker,
        body: renderReport(report, { variant: 'comment', marker, runUrl: t.url }),
        mode: settings.reports.comment,
        quiet: consequencesOf(report.decision).level === 'info',
        knownId: ctx.known?.commentId
      }
    )
    return 'id' in outcome ? outcome.id : undefined
  } catch (error) {
    core.notice(
      `agent-credit-gate: could not write the PR comment (${describeError(error)}); see the job summary`
    )
    return undefined
  }
}

/** The check run on the PR head (or the pushed commit). Returns its id. */
async function checkRun(
  report: GateReport,
  settings: Settings,
  ctx: PublishContext,
  t: Target
): Promise<number | undefined> {
  // On a pull request only its head commit will do; a comment event does not name it.
  const headSha = ctx.pr ? ctx.pr.headSha : ctx.headSha
  if (!settings.reports.checkName || !headSha) return undefined
  try {
    const outcome = await publishCheck(
      t.octokit,
      { owner: t.owner, repo: t.repo, headSha },
      {
        name: settings.reports.checkName,
        conclusion: checkConclusion(report),
        title: checkTitle(report),
        summary: renderReport(report, { variant: 'check', runUrl: t.url }),
        statusDescription: statusDescription(report),
        detailsUrl: t.url
      },
      ctx.known?.checkRunId
    )
    if (outcome.kind === 'none') core.notice(`agent-credit-gate: ${outcome.reason}`)
    return outcome.kind === 'check-run' ? outcome.id : undefined
  } catch (error) {
    core.notice(
      `agent-credit-gate: could not publish the check (${describeError(error)}); see the job summary`
    )
    return undefined
  }
}

/**
 * Publish a report from main (`known` empty) or post (`known` = what main created): the report file
 * and the job summary always; annotations; the comment and the check run when there is a token.
 */
export async function publish(
  report: GateReport,
  settings: Settings,
  ctx: PublishContext
): Promise<Published> {
  const url = runUrl(ctx.env)
  await ctx.files.write(settings.reports.reportFile, JSON.stringify(report, null, 2) + '\n')
  const variant = ctx.summary === 'short' ? 'short' : 'summary'
  await core.summary.addRaw(renderReport(report, { variant, runUrl: url })).write()
  await annotate(report, settings, ctx)
  if (!ctx.octokit) {
    core.info('agent-credit-gate: no github-token; the report is in the job summary only')
    return {}
  }
  const [owner = '', repo = ''] = (ctx.pr?.baseRepository ?? settings.job.repository).split('/')
  const target = { octokit: ctx.octokit, owner, repo, url }
  return {
    commentId: await comment(report, settings, ctx, target),
    checkRunId: await checkRun(report, settings, ctx, target)
  }
}
