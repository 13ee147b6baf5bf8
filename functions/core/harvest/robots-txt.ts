/**
 * robots.txt as RFC 9309 defines it: groups of user-agent lines with allow/disallow rules; the group that names our
 * product token wins, else the "*" group; among matching rules the longest pattern wins and allow wins a tie; `*`
 * matches any run of characters and a final `$` anchors the end. Crawl-delay is not in the RFC but careful crawlers
 * honour it, so it is read too. Pure; a robots.txt is untrusted input, so parsing is line by line and matching is
 * a two-pointer wildcard match without regular expressions (no backtracking blow-up on `*a*a*a…`).
 */
export interface RobotsRule {
  allow: boolean;
  pattern: string;
}

interface Group {
  agents: string[];
  rules: RobotsRule[];
  crawlDelay?: number;
}

export interface RobotsTxt {
  groups: Group[];
}

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; what follows is ignored. */
export const MAX_ROBOTS_CHARS = 500 * 1024;

export function parseRobotsTxt(text: string): RobotsTxt {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const raw of text.slice(0, MAX_ROBOTS_CHARS).split(/\r\n|\r|\n/u)) {
    const line = raw.replace(/#.*$/u, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!lastWasAgent || current === undefined) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (current === undefined) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      current.rules.push({ allow: key === 'allow', pattern: normalisePattern(value) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  return { groups };
}

/** Patterns and paths are compared percent-encoded (RFC 9309 §2.2.2), so "/protokoll/å" matches "/protokoll/%C3%A5". */
function normalisePattern(pattern: string): string {
  try {
    return encodeURI(decodeURI(pattern));
  } catch {
    return pattern;
  }
}

/** The rules that apply to `token` (our product token, e.g. "paragraf"): its own groups merged, else the "*" groups. */
function applicable(robots: RobotsTxt, token: string): Group[] {
  const name = token.toLowerCase();
  const own = robots.groups.filter((g) => g.agents.includes(name));
  return own.length > 0 ? own : robots.groups.filter((g) => g.agents.includes('*'));
}

/** Whether `path` (path and query of the URL, e.g. "/download/document?id=1") may be fetched. */
export function robotsAllows(robots: RobotsTxt, token: string, path: string): boolean {
  if (path === '/robots.txt') return true;
  const target = normalisePattern(path.startsWith('/') ? path : `/${path}`);
  let best: RobotsRule | undefined;
  for (const group of applicable(robots, token)) {
    for (const rule of group.rules) {
      if (!wildcardMatch(rule.pattern, target)) continue;
      if (
        best === undefined ||
        rule.pattern.length > best.pattern.length ||
        (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
      )
        best = rule;
    }
  }
  return best === undefined || best.allow;
}

/** Crawl-delay in seconds for `token`, when its group (or "*") gives one. */
export function robotsCrawlDelay(robots: RobotsTxt, token: string): number | undefined {
  const delays = applicable(robots, token)
    .map((g) => g.crawlDelay)
    .filter((d): d is number => d !== undefined);
  return delays.length > 0 ? Math.max(...delays) : undefined;
}

/**
 * A robots pattern matches a prefix of the path; `*` is any run, a final `$` anchors the end. Classic greedy
 * matching that remembers only the last `*`: O(pattern × path) at worst, never exponential.
 */
export function wildcardMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const p = anchored ? pattern.slice(0, -1) : pattern;
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < path.length) {
    if (i < p.length && p[i] !== '*' && p[i] === path[j]) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      resume = j;
    } else if (i === p.length && !anchored) {
      return true;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}
