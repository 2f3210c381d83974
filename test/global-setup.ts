/**
 * Runs once, in jest's parent process, before any worker starts (workers inherit the environment;
 * bundles loaded by Node's own require read it too).
 *
 * The AWS SDK warns, once per process, that its releases after early January 2027 need Node 22.
 * The deployed functions run on nodejs24.x; only this test machine runs Node 20, and the lockfile
 * pins SDK versions that support it (../shared/TOOLCHAIN.md). The warning says nothing about the
 * code under test and buried real output, so the tests turn it off with the SDK's own switch.
 */
export default function globalSetup(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
