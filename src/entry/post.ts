import { run } from '../action/post.js'

await run()
// Dangling HTTP retries or throttling timers must not keep the job waiting.
process.exit(process.exitCode ?? 0)
