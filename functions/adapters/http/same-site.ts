/**
 * "Same site" for redirects: the same registrable domain, approximated by the last two labels of the host name
 * (sammantradesportal.alingsas.se ~ www.alingsas.se; www.netpublicator.com ~ docs.netpublicator.com), or the same
 * address for an IP. Swedish municipal hosts are all under .se, where the registrable domain is two labels; a
 * public-suffix host such as a.co.uk would count as one site with b.co.uk, which errs towards following a redirect
 * an operator can still see in the logs. Going from https to http is never the same site.
 */
export function siteOf(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/u, '');
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/u.test(host) || host.includes(':') || host.startsWith('[')) return host;
  const labels = host.split('.');
  return labels.slice(-2).join('.');
}

export function isSameSite(from: URL, to: URL): boolean {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return false;
  if (from.protocol === 'https:' && to.protocol === 'http:') return false;
  return siteOf(from.hostname) === siteOf(to.hostname);
}

/** 127.0.0.0/8, ::1 and localhost: only a fake portal in a test lives there. */
export function isLoopbackHost(host: string): boolean {
  const name = (host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/u, '')).toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(name);
}
