/**
 * Lines the workbench itself logs through window.codeAutomationLog beside the tests' output: its
 * start-up chatter and the offline failures of services that look outside the machine (the
 * open-vsx gallery, GitHub sign-in). DISTQ_TEST_VERBOSE=1 prints them too.
 */
const workbenchNoise: readonly RegExp[] = [
  /^Resolving connection token /,
  /^Resolved connection token /,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost:/,
  /^\[AccountPolicyGate\]/,
  /ENOTFOUND open-vsx\.org/,
  /open-vsx\.org\/vscode\/gallery/,
  /github-authentication|GitHub authentication/i,
];

export function isWorkbenchNoise(line: string): boolean {
  return process.env.DISTQ_TEST_VERBOSE !== '1' && workbenchNoise.some((pattern) => pattern.test(line));
}
