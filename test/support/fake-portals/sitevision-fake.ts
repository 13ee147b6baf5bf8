/**
 * A fake SiteVision site on loopback (PORTALS.md): files live at /download/18.<node>/<unixms>/<url-encoded name>;
 * a file-share portlet answers GET /appresource/4.x/12.y/files?folderId=19.z&svAjaxReqParam=ajax with
 * {"files":[{name,id,url}]}; another folder is rendered in a page as links. The traps are in the data the tests
 * give it: a protocol and a kallelse with the same file name in two folders, "Protkoll", §-supplements and
 * "-gdpr" variants. A folder that was removed answers 404.
 */
import { html, json, notFound, pdf, robotsResponse, startLoopbackServer, type FakeServer } from './loopback-server.ts';

export interface SvFakeFile {
  node: string;
  unixms: number;
  name: string;
  bytes: Uint8Array;
}

export interface SvFakeOptions {
  /** folderId (19.x) → files, served by the file-share portlet at `appresource`. */
  shares: Record<string, SvFakeFile[]>;
  appresource: string;
  /** page path → files, rendered as a list of links. */
  pages: Record<string, SvFakeFile[]>;
  robots?: string | null;
}

export interface SvFake extends FakeServer {
  downloads(): number;
}

export const fileUrl = (f: SvFakeFile): string => `/download/${f.node}/${f.unixms}/${encodeURIComponent(f.name)}`;

export async function startFakeSiteVision(options: SvFakeOptions): Promise<SvFake> {
  let downloads = 0;
  const all = [...Object.values(options.shares), ...Object.values(options.pages)].flat();
  const server = await startLoopbackServer((request) => {
    if (request.pathname === '/robots.txt') return robotsResponse(options.robots);
    if (request.pathname === options.appresource) {
      const files = options.shares[request.query.get('folderId') ?? ''];
      if (files === undefined || request.query.get('svAjaxReqParam') !== 'ajax') return notFound();
      return json({ files: files.map((f) => ({ name: f.name, id: f.node, url: fileUrl(f) })) });
    }
    const listed = options.pages[request.pathname];
    if (listed !== undefined) {
      return html(
        `<h1>Protokoll</h1><ul class="sv-file-list">${listed.map((f) => `<li><a href="${fileUrl(f)}">${f.name.replace(/\.pdf$/u, '')}</a> (pdf)</li>`).join('')}</ul>`,
      );
    }
    const file = all.find((f) => request.pathname === fileUrl(f));
    if (file === undefined) return notFound();
    downloads++;
    return pdf(file.bytes);
  });
  return { ...server, downloads: () => downloads };
}
