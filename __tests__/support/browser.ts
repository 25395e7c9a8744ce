/**
 * Markdown shown the way GitHub shows it, in a real browser: GFM rendered to HTML (micromark with its
 * GFM extension: tables, strikethrough, autolinks, the tag filter; raw HTML such as <details> kept),
 * styled with GitHub's own markdown CSS, ```mermaid blocks drawn by Mermaid 11 (the major version
 * GitHub runs), all in headless Chromium from Debian's `chromium` package. The page is served from
 * 127.0.0.1; nothing is fetched from the network and no browser is downloaded.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { chromium, type BrowserContext } from 'playwright-core'
import { tempDir } from './temp-dirs.js'

export const CHROMIUM = '/usr/bin/chromium'

/** Why the browser test cannot run here, or undefined when it can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium)`
}

const require = createRequire(import.meta.url)
const MERMAID_JS = require.resolve('mermaid/dist/mermaid.min.js')
const GITHUB_CSS = require.resolve('github-markdown-css/github-markdown-light.css')
const PAGE_JS = join(import.meta.dirname, 'browser-page.js')
/** What the page loads besides itself, all from this machine. */
const ASSETS = new Map([
  ['/mermaid.min.js', MERMAID_JS],
  ['/github-markdown.css', GITHUB_CSS],
  ['/check.js', PAGE_JS]
])

/** GitHub's rendering of a markdown body (HTML kept, as GitHub keeps <details>, <sub> and comments). */
export function gfmToHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** Tables the markdown asks for: delimiter rows outside code fences. */
export function markdownTableCount(markdown: string): number {
  let fenced = false
  let n = 0
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced
    else if (!fenced && /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line)) n++
  }
  return n
}

function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/github-markdown.css">
<style>body{margin:0;background:#fff}.markdown-body{box-sizing:border-box;width:880px;padding:24px 28px}
pre.mermaid{background:#fff;text-align:center}</style>
<script src="/mermaid.min.js"></script><script src="/check.js"></script></head>
<body><article class="markdown-body">${body}</article></body></html>`
}

export interface Rendered {
  /** Mermaid parse or render errors, one per failing block. */
  mermaidErrors: string[]
  mermaidCharts: number
  /** <table> elements in the page. */
  tables: number
  /** Paragraphs that still start with "|": a table GitHub would show as text. */
  tableLikeText: string[]
  /** Markup that shows through as characters (** or ⟦ left in the text). */
  leakedMarkup: string[]
}

/** One browser for a test file; `show` renders a markdown body, checks it and takes a screenshot. */
export class GitHubView {
  private server?: Server
  private context?: BrowserContext
  private profile = ''
  private pages = new Map<string, string>()

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = req.url ?? '/'
      const file = ASSETS.get(url)
      if (file) {
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' })
        return res.end(readFileSync(file))
      }
      const html = this.pages.get(url)
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(html ?? 'not found')
    })
    await new Promise<void>(r => this.server?.listen(0, '127.0.0.1', r))
    this.profile = tempDir('chromium')
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 880, height: 600 },
      deviceScaleFactor: 1,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    })
    return this
  }

  async stop(): Promise<void> {
    await this.context?.close()
    await new Promise<void>(r => (this.server ? this.server.close(() => r()) : r()))
    if (this.profile) rmSync(this.profile, { recursive: true, force: true })
  }

  /**
   * Render `markdown`, draw its Mermaid charts (with every <details> opened, as a reader opens them),
   * fold the <details> back as GitHub first shows them, and save a full-page screenshot to `png`.
   */
  async show(name: string, markdown: string, png: string): Promise<Rendered> {
    const path = `/${encodeURIComponent(name)}.html`
    this.pages.set(path, page(gfmToHtml(markdown)))
    const tab = await this.context!.newPage()
    const pageErrors: string[] = []
    tab.on('pageerror', e => pageErrors.push(e.message))
    tab.on('response', r => {
      if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`)
    })
    try {
      const { port } = this.server!.address() as AddressInfo
      await tab.goto(`http://127.0.0.1:${port}${path}`)
      if (pageErrors.length) throw new Error(`the page failed to load: ${pageErrors.join('; ')}`)
      const result = (await tab.evaluate('window.checkReport()')) as Rendered
      await tab.screenshot({ path: png, fullPage: true })
      return result
    } finally {
      await tab.close()
    }
  }
}
