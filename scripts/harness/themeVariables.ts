/**
 * The --vscode-* variables a webview gets in VS Code 1.139's default themes (Light Modern, Dark
 * Modern, High Contrast, High Contrast Light), for the part the panels read: the colour registry's
 * defaults with each theme's overrides (theme-defaults/themes/*.json), values as VS Code writes them.
 * A colour the theme leaves unset is absent, as in VS Code: high contrast has no charts.orange.
 * Worth knowing: charts.orange is the find-match highlight, #ea5c0055, a translucent orange.
 */
export type ThemeName = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

/** The class VS Code puts on a webview's body for each kind of theme. */
export const THEME_BODY_CLASS: Readonly<Record<ThemeName, string>> = {
  'light': 'vscode-light',
  'dark': 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast-light',
};

const FONT = { '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace' };

export const THEME_VARIABLES: Readonly<Record<ThemeName, Readonly<Record<string, string>>>> = {
  'light': {
    ...FONT,
    '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#3b3b3b', '--vscode-errorForeground': '#f85149', '--vscode-disabledForeground': '#61616180',
    '--vscode-editor-background': '#ffffff', '--vscode-focusBorder': '#005fb8', '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-charts-foreground': '#3b3b3b', '--vscode-charts-lines': '#3b3b3b80', '--vscode-charts-blue': '#0063d3', '--vscode-charts-orange': '#ea5c0055',
    '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90', '--vscode-charts-red': '#e51400', '--vscode-charts-yellow': '#bf8803',
    '--vscode-terminal-ansiCyan': '#0598bc', '--vscode-terminal-ansiMagenta': '#bc05bc', '--vscode-testing-iconPassed': '#73c991',
    '--vscode-textBlockQuote-background': '#f8f8f8', '--vscode-panel-border': '#e5e5e5', '--vscode-inputValidation-errorBackground': '#f2dede',
    '--vscode-badge-background': '#cccccc', '--vscode-badge-foreground': '#3b3b3b', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000',
    '--vscode-list-hoverBackground': '#f0f0f0', '--vscode-editor-selectionBackground': '#add6ff',
  },
  'dark': {
    ...FONT,
    '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-errorForeground': '#f85149', '--vscode-disabledForeground': '#cccccc80',
    '--vscode-editor-background': '#1f1f1f', '--vscode-focusBorder': '#0078d4', '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-charts-foreground': '#cccccc', '--vscode-charts-lines': '#cccccc80', '--vscode-charts-blue': '#59a4f9', '--vscode-charts-orange': '#ea5c0055',
    '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c', '--vscode-charts-yellow': '#cca700',
    '--vscode-terminal-ansiCyan': '#11a8cd', '--vscode-terminal-ansiMagenta': '#bc3fbc', '--vscode-testing-iconPassed': '#73c991',
    '--vscode-textBlockQuote-background': '#2b2b2b', '--vscode-panel-border': '#2b2b2b', '--vscode-inputValidation-errorBackground': '#5a1d1d',
    '--vscode-badge-background': '#616161', '--vscode-badge-foreground': '#f8f8f8', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff',
    '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-editor-selectionBackground': '#264f78',
  },
  'high-contrast': {
    ...FONT,
    '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffffb3', '--vscode-errorForeground': '#f48771', '--vscode-disabledForeground': '#a5a5a5',
    '--vscode-editor-background': '#000000', '--vscode-focusBorder': '#f38518', '--vscode-editorWarning-foreground': '#ffd370',
    '--vscode-contrastBorder': '#6fc3df', '--vscode-contrastActiveBorder': '#f38518',
    '--vscode-charts-foreground': '#ffffff', '--vscode-charts-lines': '#ffffff80', '--vscode-charts-blue': '#59a4f9',
    '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f48771', '--vscode-charts-yellow': '#ffd370',
    '--vscode-terminal-ansiCyan': '#00cdcd', '--vscode-terminal-ansiMagenta': '#cd00cd', '--vscode-testing-iconPassed': '#73c991',
    '--vscode-panel-border': '#6fc3df', '--vscode-inputValidation-errorBackground': '#000000',
    '--vscode-badge-background': '#000000', '--vscode-badge-foreground': '#ffffff', '--vscode-list-hoverBackground': '#ffffff1a', '--vscode-editor-selectionBackground': '#f3f518',
  },
  'high-contrast-light': {
    ...FONT,
    '--vscode-foreground': '#292929', '--vscode-descriptionForeground': '#292929b3', '--vscode-errorForeground': '#b5200d', '--vscode-disabledForeground': '#7f7f7f',
    '--vscode-editor-background': '#ffffff', '--vscode-focusBorder': '#006bbd', '--vscode-editorWarning-foreground': '#895503',
    '--vscode-contrastBorder': '#0f4a85', '--vscode-contrastActiveBorder': '#006bbd',
    '--vscode-charts-foreground': '#292929', '--vscode-charts-lines': '#29292980', '--vscode-charts-blue': '#0063d3',
    '--vscode-charts-green': '#374e06', '--vscode-charts-purple': '#652d90', '--vscode-charts-red': '#b5200d', '--vscode-charts-yellow': '#895503',
    '--vscode-terminal-ansiCyan': '#0598bc', '--vscode-terminal-ansiMagenta': '#bc05bc', '--vscode-testing-iconPassed': '#007100',
    '--vscode-textBlockQuote-background': '#f2f2f2', '--vscode-panel-border': '#0f4a85', '--vscode-inputValidation-errorBackground': '#ffffff',
    '--vscode-badge-background': '#0f4a85', '--vscode-badge-foreground': '#ffffff', '--vscode-list-activeSelectionBackground': '#0f4a851a', '--vscode-list-hoverBackground': '#0f4a851a',
    '--vscode-editor-selectionBackground': '#0f4a85',
  },
};
