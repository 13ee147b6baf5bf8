import type { Line } from './lines.ts';

/**
 * What follows the last § but is not part of it: the appeal instructions many templates append ("Hur man
 * överklagar", "ANVISNING FÖR BEGÄRAN OM OMPRÖVNING OCH BESVÄR", "Besvärsanvisning"). A line that is such a title
 * ends the last § span; attachments of the § itself (a "Bilaga … § 49" page, a voteringslista) stay with it.
 */
const CLOSING_RE =
  /^(?:(?:ANVISNING(?:AR)?|Anvisning(?:ar)?)\s+(?:FÖR|OM|för|om)\s.{0,60}(?:OMPRÖVNING|BESVÄR|ÖVERKLAG|omprövning|besvär|överklag)|(?:HUR\s+MAN\s+ÖVERKLAGAR|Hur\s+man\s+överklagar)|(?:BESVÄRSANVISNING|Besvärsanvisning|BESVÄRSHÄNVISNING|Besvärshänvisning|ÖVERKLAGANDEHÄNVISNING|Överklagandehänvisning)\b)/u;

export function endOfProceedings(content: readonly Line[], lastHeading: number): number {
  for (let i = lastHeading + 1; i < content.length; i += 1) {
    const t = (content[i] as Line).text.trim();
    if (t.length > 0 && t.length <= 120 && CLOSING_RE.test(t)) return pageTop(content, i, lastHeading);
  }
  return content.length;
}

/** The instructions start a page of their own: the few lines above the title on that page (its header) go too. */
function pageTop(content: readonly Line[], i: number, floor: number): number {
  const page = (content[i] as Line).page;
  let start = i;
  let seen = 0;
  for (let j = i - 1; j > floor && (content[j] as Line).page === page; j -= 1) {
    if ((content[j] as Line).text.trim() === '') continue;
    seen += 1;
    if (seen > 3) return i;
    start = j;
  }
  return start;
}
