// The library: gate, cap and record from a TypeScript app (package.json "exports").
export * from '../library/index.js'
