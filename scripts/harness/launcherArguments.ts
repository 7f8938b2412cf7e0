/** Reads the command line that @vscode/test-electron gives a VS Code executable. */

export interface LauncherArguments {
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath: string;
  readonly workspaceFolder: string;
  readonly userDataDir?: string;
  readonly extensionsDir?: string;
}

/** Flags of desktop VS Code (`--no-sandbox`, `--disable-updates`, …) mean nothing to code-server and are ignored. */
export function parseLauncherArguments(argv: readonly string[]): LauncherArguments {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (const argument of argv) {
    const [, name, value] = /^--([^=]+)=(.*)$/s.exec(argument) ?? [];
    if (name !== undefined && value !== undefined) values.set(name, value);
    else if (!argument.startsWith('-')) positional.push(argument);
  }
  const required = (name: string): string => {
    const value = values.get(name);
    if (!value) throw new Error(`codeServerLauncher: --${name}=… is missing from ${JSON.stringify(argv)}`);
    return value;
  };
  const [workspaceFolder, ...extra] = positional;
  if (workspaceFolder === undefined || extra.length > 0) {
    throw new Error(`codeServerLauncher: expected one workspace folder, got ${JSON.stringify(positional)}`);
  }
  return {
    extensionDevelopmentPath: required('extensionDevelopmentPath'),
    extensionTestsPath: required('extensionTestsPath'),
    workspaceFolder,
    userDataDir: values.get('user-data-dir'),
    extensionsDir: values.get('extensions-dir'),
  };
}
