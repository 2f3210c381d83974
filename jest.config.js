/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  // middy is ESM-only since 5.x.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
  // jest's default is one worker fewer than the cores: on the 2-core machines this project targets,
  // one, which runs every suite in turn in jest's own process and leaves a core idle. Two workers
  // use both (about 1.7x faster idle; under load they share the cores like anything else).
  maxWorkers: 2,
};
