#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron spawns (its vscodeExecutablePath)
// on machines that cannot download VS Code: it runs the same extension tests in code-server and
// exits with their result. docs/testing.md explains when it is used.
'use strict';
// As `node --import tsx` does, without depending on the working directory test-electron gives us.
require('tsx/cjs/api').register();
const { parseLauncherArguments } = require('./harness/launcherArguments.ts');
const { runExtensionTestsInCodeServer } = require('./harness/extensionTestRun.ts');

runExtensionTestsInCodeServer(parseLauncherArguments(process.argv.slice(2))).then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
