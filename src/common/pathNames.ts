// How a file system may spell a name: one path segment can name `.git` without reading ".git". Windows drops
// trailing dots and spaces (`.git.`, `.git `), ignores case (`.GIT`), answers to an 8.3 short name (`GIT~1`) and
// reads `name::$INDEX_ALLOCATION` or `name:stream` as the folder `name` (NTFS streams); macOS' HFS+ ignores some
// invisible Unicode characters (`.g\u200cit`). Git itself refuses all of these (its is_ntfs_dotgit/is_hfs_dotgit);
// these checks are the same idea for any name, so a rule written for `.git` or `.vscode` holds on every platform.
// Matching is deliberately loose (a name too many is matched, never one too few): the callers refuse or warn.

/** Code points HFS+ ignores in names (git's list): zero-width joiners and marks, bidi controls, the BOM. */
const IGNORABLE = /[\u200B-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/g;

/** One segment as Windows and macOS would compare it: streams cut off, trailing dots/spaces dropped, lower case. */
export function normalizeSegment(segment: string): string {
  const withoutStream = segment.includes(':') ? segment.slice(0, segment.indexOf(':')) : segment;
  return withoutStream.replace(IGNORABLE, '').replace(/[. ]+$/, '').toLowerCase();
}

/** An 8.3 short name: up to six characters, `~`, a number, an optional extension of up to three. */
const SHORT_NAME = /^([^.~]{1,6})~([1-9]\d{0,5})(?:\.([^.]{1,3}))?$/;

/**
 * Whether `segment` may be Windows' 8.3 short name of `longName` (GIT~1 for .git, VSCODE~1 for .vscode,
 * PACKAG~1.JSO for package.json): the long name without dots and spaces starts with the short base, and its
 * extension with the short extension. Which number Windows gave is not knowable here, so any number matches.
 */
export function mayBeShortName(segment: string, longName: string): boolean {
  const short = SHORT_NAME.exec(normalizeSegment(segment));
  if (!short) return false;
  const long = longName.toLowerCase();
  const dot = long.lastIndexOf('.');
  const hasExtension = dot > 0;
  const base = (hasExtension ? long.slice(0, dot) : long).replace(/[. ]/g, '');
  const extension = hasExtension ? long.slice(dot + 1) : '';
  if (!base.startsWith(short[1]!)) return false;
  return short[3] === undefined || extension.startsWith(short[3]);
}

/** Whether a path segment names `name` on some file system (`name` in lower case or not: compared without case). */
export function sameName(segment: string, name: string): boolean {
  return normalizeSegment(segment) === name.toLowerCase() || mayBeShortName(segment, name);
}

/** A path's segments with `\` read as `/`, empty and `.` segments dropped. */
export function segmentsOf(path: string): string[] {
  return path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

/**
 * Whether a path goes through a `.git` folder, however it is spelled. Git's own folder is never a place for
 * written code: a hook there runs on the next commit, its config can name programs git runs.
 */
export function isInGitFolder(path: string): boolean {
  return segmentsOf(path).some((segment) => sameName(segment, '.git'));
}
