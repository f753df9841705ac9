// The one list of files that run code when written (Apply warns; the agent will reuse it).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hooksPathOf, runsCode } from '../../../src/common/runsCode';

const kind = (path: string, hooksPaths?: string[]) => runsCode(path, hooksPaths ? { hooksPaths } : {})?.kind;

test('VS Code\'s own files that run code, however the path spells them', () => {
  assert.equal(kind('.vscode/settings.json'), 'vscodeSettings');
  assert.equal(kind('.vscode/tasks.json'), 'vscodeTasks');
  assert.equal(kind('.vscode/launch.json'), 'vscodeLaunch');
  assert.equal(kind('.vscode/mcp.json'), 'mcpServers');
  assert.equal(kind('app.code-workspace'), 'codeWorkspace');
  for (const path of ['.VSCode/Tasks.JSON', '.vscode./tasks.json ', 'VSCODE~1/tasks.json', '.vscode\\tasks.json', './.vscode/tasks.json', 'packages/web/.vscode/tasks.json']) {
    assert.equal(kind(path), 'vscodeTasks', path);
  }
  assert.match(runsCode('.vscode/tasks.json')!.reason, /tasks\.json defines commands VS Code runs/);
});

test('the issue\'s list: dev containers, CI, git hooks, package scripts and managers, direnv, make', () => {
  const expected: Record<string, string> = {
    '.devcontainer/devcontainer.json': 'devEnvironment',
    '.devcontainer/Dockerfile': 'devEnvironment',
    '.devcontainer.json': 'devEnvironment',
    '.github/workflows/ci.yml': 'ci',
    '.github/actions/setup/action.yml': 'ci',
    '.gitlab-ci.yml': 'ci',
    '.githooks/pre-commit': 'gitHooks',
    '.husky/pre-commit': 'gitHooks',
    '.husky/_/husky.sh': 'gitHooks',
    '.pre-commit-config.yaml': 'gitHooks',
    'lefthook.yml': 'gitHooks',
    '.lintstagedrc.json': 'gitHooks',
    'package.json': 'packageScripts',
    'packages/lib/package.json': 'packageScripts',
    '.npmrc': 'packageManager',
    '.yarnrc.yml': 'packageManager',
    '.yarnrc': 'packageManager',
    '.yarn/releases/yarn-4.js': 'packageManager',
    'node_modules/eslint/lib/api.js': 'installedPackages',
    '.venv/lib/python3.12/site-packages/x.py': 'installedPackages',
    '.envrc': 'enterFolder',
    'Makefile': 'make',
    'makefile': 'make',
    'GNUmakefile': 'make',
    'build/rules.mk': 'make',
    'setup.py': 'pythonBuild',
    'pyproject.toml': 'pythonBuild',
    'tests/conftest.py': 'pythonStartup',
    'build.rs': 'buildOnOpen',
    '.cargo/config.toml': 'buildOnOpen',
    'gradle/wrapper/gradle-wrapper.properties': 'buildOnOpen',
    'eslint.config.mjs': 'toolConfig',
    '.prettierrc.cjs': 'toolConfig',
    '.bashrc': 'shellStartup',
    '.zshrc': 'shellStartup',
  };
  for (const [path, want] of Object.entries(expected)) assert.equal(kind(path), want, path);
});

test('ordinary files, and the ones left out on purpose, run no code by being written', () => {
  for (const path of [
    'src/app.ts', 'README.md', 'settings.json', 'config/settings.json', 'tasks.json', '.vscode/extensions.json',
    '.vscode/app.code-snippets', 'scripts/build.sh', 'Dockerfile', 'docker-compose.yml', 'src/hooks/useThing.ts',
    '.github/CODEOWNERS', '.github/dependabot.yml', 'package-lock.json', '.eslintrc.json', '.prettierrc', 'src/makefile.ts',
    '.env', '',
  ]) {
    assert.equal(runsCode(path), undefined, path);
  }
});

test('a folder named by core.hooksPath counts as a hooks folder', () => {
  assert.equal(kind('tools/hooks/pre-commit', ['tools/hooks']), 'gitHooks');
  assert.equal(kind('TOOLS/Hooks./pre-push', ['tools/hooks']), 'gitHooks');
  assert.equal(kind('tools/hooks', ['tools/hooks']), undefined, 'the folder itself is not a file in it');
  assert.equal(kind('tools/other/x', ['tools/hooks']), undefined);
});

test('core.hooksPath is read from a git config as git does (section, case, quotes, comments, last wins)', () => {
  assert.equal(hooksPathOf('[core]\n\trepositoryformatversion = 0\n\thooksPath = .config/hooks\n'), '.config/hooks');
  assert.equal(hooksPathOf('[CORE]\n  HooksPath = "tools/git hooks" ; comment\n'), 'tools/git hooks');
  assert.equal(hooksPathOf('[core]\nhooksPath = a\n[core]\nhooksPath = b\n'), 'b');
  assert.equal(hooksPathOf('[alias]\nhooksPath = x\n'), undefined, 'only [core]');
  assert.equal(hooksPathOf('[core]\nbare = false\n'), undefined);
});
