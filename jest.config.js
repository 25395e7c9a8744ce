// ESM + ts-jest, as in actions/typescript-action; run with --experimental-vm-modules.
// Two projects: `unit` runs in-process in seconds (npm run test:unit); `e2e` spawns the committed
// bundles, the real Claude CLI and many GitHub doubles, after making sure dist/ is built from src/, and
// holds the checks that take seconds of CPU (a megabyte-long token chunk, the TypeScript compiler run on
// the library's examples).
const shared = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Every GitHub double checks requests and responses against GitHub's OpenAPI description; every
  // folder a test file made with tempDir is removed when the file is done.
  setupFilesAfterEnv: [
    '<rootDir>/__tests__/support/github-contract.ts',
    '<rootDir>/__tests__/support/temp-cleanup.ts'
  ],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: 'tsconfig.json', useESM: true, diagnostics: { ignoreCodes: [151002] } }
    ]
  }
}

export default {
  // Read from the root config, not a project's. A backstop against a hang, never a speed limit: on a
  // busy 2-core machine the slowest hooks (145 fault cells, 14 whole jobs at once) take minutes.
  testTimeout: 900_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/', '<rootDir>/__tests__/faults/']
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts', '<rootDir>/__tests__/faults/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/support/fresh-dist.js'
    }
  ]
}
