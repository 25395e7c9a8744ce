/**
 * A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, the server on a free port
 * of 127.0.0.1 (password required over TCP) and a Unix socket in that folder, stopped and removed at the
 * end. Root cannot run the server, so as root the binaries run as the `postgres` user. Where no server
 * binaries are installed the tests say so and skip, except under CI=true, where that is a failure.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const PG_USER = 'acg'
export const PG_PASSWORD = 'test-only-s3cret'

/** The newest installed server's bin folder, or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter(v => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? join(root, versions[0], 'bin') : undefined
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. Under CI this throws instead. */
export function postgresMissing(): string | undefined {
  if (postgresBin()) return undefined
  const why = 'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); apt-get install postgresql'
  if (process.env.CI) throw new Error(`CI=true: the PostgreSQL tests must run, but there are ${why}`)
  return why
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export class PostgresCluster {
  readonly dir: string
  readonly port: number
  private readonly bin: string
  private readonly as: { uid: number; gid: number } | undefined

  private constructor(bin: string, dir: string, port: number, as?: { uid: number; gid: number }) {
    this.bin = bin
    this.dir = dir
    this.port = port
    this.as = as
  }

  /** initdb and start a new cluster. */
  static async start(): Promise<PostgresCluster> {
    const bin = postgresBin()
    if (!bin) throw new Error(postgresMissing() ?? 'no PostgreSQL binaries')
    // Not tempDir: the server runs from this folder until destroy() stops it, and jest runs tempDir's
    // cleanup (a setup file's afterAll) before the test file's own afterAll that calls destroy();
    // scripts/bench-postgres.ts starts a cluster outside jest too. destroy() removes the folder.
    const dir = mkdtempSync(join(tmpdir(), 'acg-pg-'))
    let as: { uid: number; gid: number } | undefined
    if (process.getuid?.() === 0) {
      as = {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
      }
      chownSync(dir, as.uid, as.gid)
    }
    const cluster = new PostgresCluster(bin, dir, await freePort(), as)
    const pwfile = join(dir, 'pw')
    writeFileSync(pwfile, PG_PASSWORD)
    if (as) chownSync(pwfile, as.uid, as.gid)
    await cluster.run('initdb', [
      '-D',
      join(dir, 'data'),
      '-U',
      PG_USER,
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      '--no-sync'
    ])
    await cluster.startServer()
    return cluster
  }

  private run(tool: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(join(this.bin, tool), args, {
        ...(this.as ?? {}),
        cwd: this.dir,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      child.stdout.on('data', d => (out += d))
      child.stderr.on('data', d => (out += d))
      child.on('error', reject)
      child.on('close', code =>
        code === 0 ? resolve(out) : reject(new Error(`${tool} ${args.join(' ')} exited ${code}: ${out}`))
      )
    })
  }

  /** Start (or start again) the server; resolves once it accepts connections. */
  startServer(): Promise<string> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c max_connections=300',
      '-c shared_buffers=32MB'
    ].join(' ')
    return this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-t',
      '120',
      'start'
    ])
  }

  /** Stop the server fast (open transactions are rolled back). */
  stopServer(): Promise<string> {
    return this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '120', 'stop'])
  }

  /** A connection string for `database` (TLS off: a local test server has none). */
  url(database = 'postgres', password = PG_PASSWORD): string {
    return `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}?sslmode=disable`
  }

  /** Stop the server and remove the cluster. */
  async destroy(): Promise<void> {
    await this.stopServer().catch(() => undefined)
    rmSync(this.dir, { recursive: true, force: true })
  }
}
