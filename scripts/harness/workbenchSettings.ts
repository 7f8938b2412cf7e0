/** User settings of every test workbench: nothing that looks outside the machine, no start-up editors or prompts in the way. */
export const workbenchSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The web workbench saves edited files after a delay by default; the tests check that DistQ's
  // own edits stay unsaved, which only holds when nothing else saves them.
  'files.autoSave': 'off',
  // In the untrusted runs the workspace must stay in restricted mode without a modal asking.
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};
