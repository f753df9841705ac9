// The one list of files whose content runs as code without the user running it by hand: VS Code and its
// extensions, git, CI, package managers, shells or build tools start what they say, on opening the folder, on
// install, on commit, on push, on entering the folder. Writing one (Apply today, the agent next) gets an explicit
// warning that names the reason. Paths are workspace-relative; names compare as Windows and macOS would
// (case, trailing dots, 8.3 short names: src/common/pathNames.ts). A name too many costs one more question.
//
// Left out on purpose, because the user runs them by hand like any other source file: shell scripts (`*.sh`,
// `*.ps1`, `*.bat`; inside a hooks folder they are listed through the folder), a `Dockerfile` (runs in a build the
// user starts, inside a container; a dev container's is listed through `.devcontainer/`), `justfile`/`Taskfile`.
// `.vscode/extensions.json` only recommends: VS Code installs nothing without the user's click.
import { l10n } from './l10n';
import { normalizeSegment, sameName, segmentsOf } from './pathNames';

export type RunsCodeKind =
  | 'vscodeSettings' | 'vscodeTasks' | 'vscodeLaunch' | 'mcpServers' | 'codeWorkspace' | 'devEnvironment' | 'ci'
  | 'gitHooks' | 'packageScripts' | 'packageManager' | 'installedPackages' | 'enterFolder' | 'make' | 'pythonBuild'
  | 'pythonStartup' | 'buildOnOpen' | 'toolConfig' | 'shellStartup';

export interface RunsCode {
  kind: RunsCodeKind;
  /** Why, for the user (in the display language). */
  reason: string;
}

/** Read when used: the translator is installed at activation. */
const REASONS: Record<RunsCodeKind, () => string> = {
  vscodeSettings: () => l10n.t('Workspace settings can name programs that VS Code and its extensions start (terminal shells, formatters, linters, interpreters).'),
  vscodeTasks: () => l10n.t('tasks.json defines commands VS Code runs, some of them as soon as the folder opens.'),
  vscodeLaunch: () => l10n.t('launch.json defines programs the debugger starts, and the tasks it runs first.'),
  mcpServers: () => l10n.t('mcp.json defines MCP servers: commands your editor or agent starts.'),
  codeWorkspace: () => l10n.t('A .code-workspace file holds settings, tasks and launch configurations, like the .vscode folder.'),
  devEnvironment: () => l10n.t('This configures a dev container or cloud workspace: its commands run when it is built or started.'),
  ci: () => l10n.t('CI runs this on the next push, with the repository\'s secrets.'),
  gitHooks: () => l10n.t('Git hooks run this on commit, checkout or push.'),
  packageScripts: () => l10n.t('package.json\'s scripts run on npm install and npm run, and so do the install scripts of every dependency it adds.'),
  packageManager: () => l10n.t('The package manager reads this on every install: it can name programs and scripts to run.'),
  installedPackages: () => l10n.t('Installed packages run whenever your tools load them (ESLint, TypeScript, Python, npm scripts).'),
  enterFolder: () => l10n.t('direnv and mise run this when a shell enters the folder.'),
  make: () => l10n.t('make runs the commands in this file; VS Code\'s Makefile Tools runs make on it when the folder opens.'),
  pythonBuild: () => l10n.t('Installing or building the package runs this (pip install, the build backend it names).'),
  pythonStartup: () => l10n.t('Python runs this on its own: pytest loads conftest.py (also when VS Code discovers tests), the interpreter runs sitecustomize.py and .pth files.'),
  buildOnOpen: () => l10n.t('The build runs this, and VS Code\'s language support (rust-analyzer, Java) runs the build when the folder opens.'),
  toolConfig: () => l10n.t('This configuration is a program: the linter or formatter extension runs it when a file is opened.'),
  shellStartup: () => l10n.t('A start-up file of your shell or git: it runs in every new terminal when this folder is your home folder.'),
};

type Match = (segments: readonly string[]) => boolean;

const last = (segments: readonly string[]) => segments[segments.length - 1] ?? '';
/** The file's name is one of these. */
const named = (...names: string[]): Match => (s) => names.some((n) => sameName(last(s), n));
/** The file's name matches (its normalised form: lower case, no trailing dots or spaces). */
const namedLike = (pattern: RegExp): Match => (s) => pattern.test(normalizeSegment(last(s)));
/** The file is directly in a folder of this name, and named one of these. */
const inFolder = (folder: string, ...names: string[]): Match => (s) => s.length >= 2 && sameName(s[s.length - 2]!, folder) && named(...names)(s);
/** The file is somewhere under a folder path (`.github/workflows`), at any depth. */
const under = (folderPath: string): Match => {
  const folders = folderPath.split('/');
  return (s) => {
    for (let i = 0; i + folders.length < s.length; i++) {
      if (folders.every((f, j) => sameName(s[i + j]!, f))) return true;
    }
    return false;
  };
};
const any = (...matches: Match[]): Match => (s) => matches.some((m) => m(s));

/** In order: the first rule that matches gives the reason. */
const RULES: readonly (readonly [RunsCodeKind, Match])[] = [
  ['vscodeSettings', inFolder('.vscode', 'settings.json')],
  ['vscodeTasks', inFolder('.vscode', 'tasks.json')],
  ['vscodeLaunch', inFolder('.vscode', 'launch.json')],
  ['mcpServers', any(inFolder('.vscode', 'mcp.json'), inFolder('.cursor', 'mcp.json'), named('.mcp.json'))],
  ['codeWorkspace', namedLike(/\.code-workspace$/)],
  ['devEnvironment', any(under('.devcontainer'), named('.devcontainer.json', '.gitpod.yml', '.gitpod.Dockerfile'))],
  ['ci', any(under('.github/workflows'), under('.github/actions'), under('.circleci'), under('.buildkite'),
    named('.gitlab-ci.yml', 'azure-pipelines.yml', 'Jenkinsfile', '.travis.yml', 'bitbucket-pipelines.yml'))],
  ['gitHooks', any(under('.githooks'), under('.git-hooks'), under('githooks'), under('.husky'),
    named('.pre-commit-config.yaml', '.pre-commit-hooks.yaml', 'lefthook.yml', '.lefthook.yml', 'lefthook-local.yml'),
    namedLike(/^(?:\.lintstagedrc(?:\..+)?|lint-staged\.config\.[cm]?[jt]s|\.simple-git-hooks\.(?:json|c?js))$/))],
  ['packageScripts', named('package.json')],
  ['packageManager', any(named('.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', '.pnpmfile.mjs', 'bunfig.toml'),
    under('.yarn/releases'), under('.yarn/plugins'))],
  ['installedPackages', any(under('node_modules'), under('.venv'), under('venv'))],
  ['enterFolder', named('.envrc', '.mise.toml', 'mise.toml')],
  ['make', any(named('Makefile', 'GNUmakefile'), namedLike(/\.mk$/))],
  ['pythonBuild', named('setup.py', 'pyproject.toml')],
  ['pythonStartup', any(named('conftest.py', 'sitecustomize.py', 'usercustomize.py'), namedLike(/\.pth$/))],
  ['buildOnOpen', any(named('build.rs', 'Cargo.toml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts',
    'gradle-wrapper.properties', 'gradlew', 'gradlew.bat', 'mvnw', 'mvnw.cmd', 'pom.xml'), inFolder('.cargo', 'config', 'config.toml'), under('.mvn'))],
  ['toolConfig', namedLike(/^(?:eslint\.config\.[cm]?[jt]s|\.eslintrc\.c?js|prettier\.config\.[cm]?[jt]s|\.prettierrc\.[cm]?[jt]s|stylelint\.config\.[cm]?js|\.stylelintrc\.c?js)$/)],
  ['shellStartup', any(named('.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zshenv', '.zprofile',
    '.zlogin', '.zlogout', '.gitconfig'), under('.config/fish'))],
];

export interface RunsCodeOptions {
  /** Folders git runs hooks from (`core.hooksPath`), relative to the same folder as the path. */
  hooksPaths?: readonly string[];
}

/**
 * Whether writing this workspace-relative file can make code run, and why; undefined for an ordinary file.
 * Matches the path as written (the caller checks the real path too: a symlink can lead into `.vscode`).
 */
export function runsCode(relativePath: string, options: RunsCodeOptions = {}): RunsCode | undefined {
  const segments = segmentsOf(relativePath);
  if (segments.length === 0) return undefined;
  const hooks = (options.hooksPaths ?? []).map(segmentsOf).filter((h) => h.length > 0);
  if (hooks.some((h) => h.length < segments.length && h.every((f, i) => sameName(segments[i]!, f)))) return withReason('gitHooks');
  const rule = RULES.find(([, match]) => match(segments));
  return rule ? withReason(rule[0]) : undefined;
}

function withReason(kind: RunsCodeKind): RunsCode {
  return { kind, reason: REASONS[kind]() };
}

/** `core.hooksPath` from the text of a git config file (the last one wins, as in git), if it sets one. */
export function hooksPathOf(gitConfig: string): string | undefined {
  let section = '';
  let value: string | undefined;
  for (const raw of gitConfig.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    const header = /^\[\s*([^\]\s"]+)/.exec(line);
    if (header) section = header[1]!.toLowerCase();
    const entry = /^(?:\[[^\]]*\]\s*)?hookspath\s*=\s*(.*?)\s*(?:[#;].*)?$/i.exec(line);
    if (entry && section === 'core') value = entry[1]!.replace(/^"(.*)"$/, '$1');
  }
  return value || undefined;
}
