// ESM + ts-jest, as in actions/typescript-action; run with --experimental-vm-modules.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Every GitHub double checks requests and responses against GitHub's OpenAPI description.
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/github-contract.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: 'tsconfig.json', useESM: true, diagnostics: { ignoreCodes: [151002] } }
    ]
  },
  testTimeout: 60000
}
