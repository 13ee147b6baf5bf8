import type { Hono } from 'hono';
import { type AdminUseCases, InvalidProvenanceError, UploadRefusedError } from '../pipeline/use-cases.ts';
import type { AdminEnv } from './admin-app.ts';
import { safeFileName } from './upload-script.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * POST /admin/uppladdning (session, same origin and CSRF token checked by admin-app.ts like every form): the upload
 * script asks for one presigned URL per file, giving the file's name, size and the optional notice date and source
 * URL; the answer (JSON) says where to PUT the bytes and with which headers. The key is the server's: the name is
 * only a hint, the size is signed, and nothing the browser sends chooses the bucket or the prefix.
 */
export function registerDirectUpload(app: Hono<AdminEnv>, uc: AdminUseCases): void {
  app.post('/admin/uppladdning', async (c) => {
    const body = await c.req.parseBody();
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const size = Number(text(body.size));
    const noticeDate = text(body.noticeDate);
    const sourceUrl = text(body.sourceUrl);
    if (noticeDate && !DATE.test(noticeDate))
      return c.json({ problem: 'Anslagsdagen ska vara ett datum ÅÅÅÅ-MM-DD.' }, 400);
    try {
      const signed = await uc.presignUpload({
        fileName: safeFileName(text(body.name)),
        size,
        ...(noticeDate ? { noticeDate } : {}),
        ...(sourceUrl ? { sourceUrl } : {}),
      });
      return c.json(signed);
    } catch (error) {
      if (error instanceof UploadRefusedError)
        return c.json({ problem: `Filen togs inte emot: ${error.message}` }, 400);
      if (error instanceof InvalidProvenanceError)
        return c.json({ problem: 'Ogiltig anslagsdag eller adress till originalet.' }, 400);
      throw error;
    }
  });
}
