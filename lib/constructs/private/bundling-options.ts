/**
 * How every responder is bundled, in one place: the construct's `bundling` (NodejsFunction) and
 * the tests that run the bundle as deployed (test/helpers/bundle.ts) both read this. Plain data,
 * no CDK import, so a test can use it without loading aws-cdk-lib.
 */
export const RESPONDER_ESBUILD_OPTIONS = {
  minify: true,
  sourceMap: false,
  // Deployed on Node 24, but the bundles must also load on the Node 20 the tests run on.
  target: 'node20',
  // Module-first resolution tree-shakes the SDK's ES builds (about half the size and cold start).
  mainFields: ['module', 'main'],
  // NodejsFunction's OutputFormat.CJS.
  format: 'cjs',
  // Bundle the SDK: a bundled client loads faster than the runtime's copy.
  externalModules: [],
} as const;
