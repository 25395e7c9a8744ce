/**
 * Where a report goes after main or post: the JSON file, the job summary, the sticky comment, the check
 * run and annotations. Comment and check are best effort: a read-only token (fork PRs, Dependabot)
 * gets a notice, never a failed job; the job summary always carries the report.
 */
import * as core from '@actions/core'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Settings } from './config/settings.js'
import type { GateReport } from './report/types.js'
import { commentMarker, renderReport } from './report/markdown.js'
import { checkConclusion, checkTitle, statusDescription } from './report/status.js'
import { annotationsFor, findStepLine } from './report/annotations.js'
import { createGitHubClient } from './github/client.js'
import { upsertStickyComment } from './github/comment.js'
import { publishCheck } from './github/check-run.js'
import type { PullRequestContext } from './github/pull-request.js'
import { describeError } from './github/errors.js'

export async function writeReportFile(path: string, report: GateReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, JSON.stringify(report, null, 2) + '\n')
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
    ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    : undefined
}

/** The line of the gated step in the workflow file, from GITHUB_WORKFLOW_REF (owner/repo/path@ref). */
async function workflowLocation(env: NodeJS.ProcessEnv): Promise<{ path?: string; line?: number }> {
  const ref = env.GITHUB_WORKFLOW_REF
  const m = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null
  if (!m) return {}
  const path = m[1]
  try {
    const yaml = await readFile(`${env.GITHUB_WORKSPACE || '.'}/${path}`, 'utf8')
    return { path, line: findStepLine(yaml, { stepId: env.GITHUB_ACTION }) }
  } catch {
    return { path }
  }
}

export interface Published {
  commentId?: number
  checkRunId?: number
}

/** Publish a report from main (`known` empty) or post (`known` = what main created). */
export async function publish(
  report: GateReport,
  settings: Settings,
  ctx: { pr?: PullRequestContext; headSha?: string; known?: Published; env?: NodeJS.ProcessEnv }
): Promise<Published> {
  const env = ctx.env ?? process.env
  const url = runUrl(env)
  const published: Published = {}
  await writeReportFile(settings.reports.reportFile, report)
  await core.summary.addRaw(renderReport(report, { variant: 'summary', runUrl: url })).write()

  const where = await workflowLocation(env)
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

  const token = settings.github.token
  if (!token) {
    core.info('agent-credit-gate: no github-token; the report is in the job summary only')
    return published
  }
  const octokit = createGitHubClient({ token, baseUrl: settings.github.apiUrl, log: core.info })
  const [owner = '', repo = ''] = (ctx.pr?.baseRepository ?? settings.job.repository).split('/')

  if (ctx.pr && settings.reports.comment !== 'off') {
    if (ctx.pr.fork) {
      core.notice('agent-credit-gate: fork pull request (read-only token): no comment; see the job summary')
    } else {
      try {
        const body = renderReport(report, {
          variant: 'comment',
          marker: commentMarker(settings.reports.commentTag),
          runUrl: url
        })
        const outcome = await upsertStickyComment(
          octokit,
          { owner, repo, issueNumber: ctx.pr.number },
          {
            marker: commentMarker(settings.reports.commentTag),
            body,
            mode: settings.reports.comment,
            quiet: report.decision?.decision === 'pass' || report.decision === undefined,
            knownId: ctx.known?.commentId
          }
        )
        if ('id' in outcome) published.commentId = outcome.id
      } catch (error) {
        core.notice(
          `agent-credit-gate: could not write the PR comment (${describeError(error)}); see the job summary`
        )
      }
    }
  }

  const headSha = ctx.pr?.headSha ?? ctx.headSha
  if (settings.reports.checkName && headSha) {
    try {
      const outcome = await publishCheck(
        octokit,
        { owner, repo, headSha },
        {
          name: settings.reports.checkName,
          conclusion: checkConclusion(report),
          title: checkTitle(report),
          summary: renderReport(report, { variant: 'check', runUrl: url }),
          statusDescription: statusDescription(report),
          detailsUrl: url
        },
        ctx.known?.checkRunId
      )
      if (outcome.kind === 'check-run') published.checkRunId = outcome.id
      if (outcome.kind === 'none') core.notice(`agent-credit-gate: ${outcome.reason}`)
    } catch (error) {
      core.notice(
        `agent-credit-gate: could not publish the check (${describeError(error)}); see the job summary`
      )
    }
  }
  return published
}
