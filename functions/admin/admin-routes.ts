import type { Context, Hono } from 'hono';
import {
  type AdminUseCases,
  InvalidProvenanceError,
  InvalidReviewIdError,
  InvalidSettingsError,
  MeetingNotFoundError,
  NoticeRefusedError,
  NotUnderReviewError,
  ReviewRefusedError,
  type UploadResult,
} from '../pipeline/use-cases.ts';
import { html, type Html } from '../api/pages/html.ts';
import type { AdminPageOptions } from './admin-layout.ts';
import type { AdminEnv } from './admin-app.ts';
import { overviewPage, previewPage, quarantinePage, uploadResultPage } from './overview-pages.ts';
import { reviewDetailPage, reviewListPage, settingsPage } from './review-pages.ts';
import { safeFileName } from './upload-script.ts';

type C = Context<AdminEnv>;

interface RouteDeps {
  useCases: AdminUseCases;
  render: (c: C, status: number, options: AdminPageOptions, content: Html) => Response;
  csrf: (c: C) => string;
  /** Uploads go straight to storage through presigned URLs when the browser runs the upload script (AWS). */
  directUpload: boolean;
}

/** An id as the pipeline makes them ([a-z0-9-]); anything else is refused before it reaches the store. */
const ID = /^[a-z0-9][a-z0-9-]{0,199}$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The signed-in pages; admin-app.ts has already checked the session and, for a POST, origin and CSRF token. */
export function registerAdminRoutes(app: Hono<AdminEnv>, d: RouteDeps): void {
  const { useCases: uc } = d;
  const overview = async (c: C, flash?: AdminPageOptions['flash']) => {
    const [unpublished, review, quarantine] = await Promise.all([
      uc.unpublished(),
      uc.reviewList({ state: 'held' }),
      uc.quarantine(),
    ]);
    const changed = await uc.reviewList({ state: 'changed-since-release' });
    return d.render(
      c,
      200,
      { title: 'Översikt', script: '/admin/upload.js', ...(flash ? { flash } : {}) },
      overviewPage({
        csrf: d.csrf(c),
        directUpload: d.directUpload,
        unpublished,
        heldCount: review.length + changed.length,
        quarantineCount: quarantine.length,
      }),
    );
  };

  app.get('/admin', (c) => overview(c));
  app.get('/admin/', (c) => overview(c));

  app.post('/admin/ladda-upp', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const files = ([] as unknown[]).concat(body.files ?? []).filter((f): f is File => f instanceof File && f.size > 0);
    const noticeDate = text(body.noticeDate);
    const sourceUrl = text(body.sourceUrl);
    if (files.length === 0)
      return d.render(
        c,
        400,
        { title: 'Ingen fil', flash: { kind: 'problem', text: 'Välj minst en fil att ladda upp.' } },
        html``,
      );
    if ((noticeDate || sourceUrl) && files.length > 1) {
      return d.render(
        c,
        400,
        {
          title: 'En fil i taget',
          flash: {
            kind: 'problem',
            text: 'Anslagsdag och originalets adress gäller en fil: ladda upp en fil i taget med dem.',
          },
        },
        html``,
      );
    }
    if (noticeDate && !DATE.test(noticeDate))
      return d.render(
        c,
        400,
        { title: 'Fel datum', flash: { kind: 'problem', text: 'Anslagsdagen ska vara ett datum ÅÅÅÅ-MM-DD.' } },
        html``,
      );
    const results: Array<{ name: string; result?: UploadResult; error?: string }> = [];
    for (const file of files) {
      const name = safeFileName(file.name);
      try {
        const result = await uc.upload({
          bytes: new Uint8Array(await file.arrayBuffer()),
          fileName: name,
          ...(noticeDate ? { noticeDate } : {}),
          ...(sourceUrl ? { sourceUrl } : {}),
        });
        results.push({ name, result });
      } catch (error) {
        if (!(error instanceof InvalidProvenanceError || error instanceof NoticeRefusedError)) throw error;
        results.push({
          name,
          error:
            error instanceof InvalidProvenanceError ? 'ogiltig anslagsdag eller adress till originalet' : error.message,
        });
      }
    }
    return d.render(c, 200, { title: 'Uppladdat' }, uploadResultPage(results));
  });

  app.get('/admin/sammantraden/:id', async (c) => meeting(c, c.req.param('id')));
  const meeting = async (c: C, id: string, flash?: AdminPageOptions['flash'], status = 200) => {
    const preview = ID.test(id) ? await uc.preview(id) : null;
    if (preview === null)
      return d.render(c, 404, { title: 'Hittades inte' }, html`<h1>Inget sammanträde med id ${id}</h1>`);
    return d.render(
      c,
      status,
      { title: `${preview.body} ${preview.date}`, ...(flash ? { flash } : {}) },
      previewPage(preview, d.csrf(c)),
    );
  };

  app.post('/admin/sammantraden/:id/anslag', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const posted = text(body.posted);
    const removed = text(body.removed);
    try {
      if (!ID.test(id)) throw new MeetingNotFoundError(id);
      const out = await uc.notice({ meetingId: id, posted, ...(removed ? { removed } : {}) });
      const note = out.statedDiffers ? ` Protokollet anger själv anslagsdagen ${out.statedDiffers}; den gäller.` : '';
      return meeting(c, id, {
        kind: 'notice',
        text: `Anslagsdagen sparad. Sista dag att överklaga: ${out.appeal.lastDay}.${note} Publicera för att visa den.`,
      });
    } catch (error) {
      if (error instanceof MeetingNotFoundError)
        return d.render(c, 404, { title: 'Hittades inte' }, html`<h1>Inget sammanträde med id ${id}</h1>`);
      if (error instanceof NoticeRefusedError)
        return meeting(c, id, { kind: 'problem', text: `Anslagsdagen sparades inte: ${error.message}` }, 400);
      throw error;
    }
  });

  app.post('/admin/publicera', async (c) => {
    const s = await uc.publish(c.get('session').user);
    const text = s.queued
      ? 'Publiceringen är begärd och klar inom några minuter.'
      : s.changed
        ? `Publicerat (version ${s.sequence}): ${s.events.added} paragrafer tillagda, ${s.events.changed} ändrade, ${s.events.withdrawn} borttagna. Webbplatsen: ${s.baseUrl}`
        : 'Inget nytt att publicera.';
    return overview(c, { kind: 'notice', text });
  });

  app.get('/admin/granskning', async (c) =>
    d.render(c, 200, { title: 'Granskning' }, reviewListPage(await uc.reviewList())),
  );
  app.get('/admin/granskning/:id', async (c) => review(c, c.req.param('id')));
  const review = async (c: C, id: string, flash?: AdminPageOptions['flash'], status = 200) => {
    try {
      if (!ID.test(id)) throw new NotUnderReviewError(id);
      return d.render(
        c,
        status,
        { title: 'Granska paragraf', ...(flash ? { flash } : {}) },
        reviewDetailPage(await uc.reviewShow(id), d.csrf(c)),
      );
    } catch (error) {
      if (error instanceof NotUnderReviewError || error instanceof InvalidReviewIdError)
        return d.render(c, 404, { title: 'Hittades inte' }, html`<h1>Paragrafen granskas inte</h1>`);
      throw error;
    }
  };
  const decide = (action: 'frislapp' | 'avvisa' | 'aterkalla') => async (c: C) => {
    const id = c.req.param('id') ?? '';
    const body = await c.req.parseBody();
    const by = c.get('session').user;
    try {
      if (!ID.test(id)) throw new NotUnderReviewError(id);
      const out =
        action === 'frislapp'
          ? await uc.release({
              paragraphId: id,
              redactions: text(body.redactions)
                .split(/\r?\n/u)
                .map((t) => t.trim())
                .filter((t) => t !== ''),
              basis: text(body.basis),
              by,
            })
          : action === 'avvisa'
            ? await uc.reject({ paragraphId: id, reason: text(body.reason), by })
            : await uc.withdraw({ paragraphId: id, reason: text(body.reason), by });
      const what = ({ released: 'Frisläppt', rejected: 'Avvisad', withdrawn: 'Återkallad', held: 'Inne' } as const)[
        out.state
      ];
      const flash = {
        kind: 'notice' as const,
        text: `${what}. ${out.recordChanged ? 'Ändringen syns efter nästa publicering.' : 'Det publicerade ändras inte.'}`,
      };
      // A withdrawal starts on the meeting's page (any published §), the other decisions on the review page.
      return action === 'aterkalla' ? meeting(c, meetingOf(id), flash) : review(c, id, flash);
    } catch (error) {
      if (error instanceof ReviewRefusedError) {
        const flash = { kind: 'problem' as const, text: `Inte utfört: ${error.message}` };
        return action === 'aterkalla' ? meeting(c, meetingOf(id), flash, 422) : review(c, id, flash, 422);
      }
      if (error instanceof NotUnderReviewError || error instanceof InvalidReviewIdError)
        return d.render(c, 404, { title: 'Hittades inte' }, html`<h1>Paragrafen granskas inte</h1>`);
      throw error;
    }
  };
  app.post('/admin/granskning/:id/frislapp', decide('frislapp'));
  app.post('/admin/granskning/:id/avvisa', decide('avvisa'));
  app.post('/admin/granskning/:id/aterkalla', decide('aterkalla'));

  app.get('/admin/karantan', async (c) =>
    d.render(c, 200, { title: 'Karantän' }, quarantinePage(await uc.quarantine())),
  );

  app.get('/admin/installningar', async (c) =>
    d.render(c, 200, { title: 'Inställningar' }, settingsPage(await uc.settings(), d.csrf(c))),
  );
  app.post('/admin/installningar', async (c) => {
    const body = await c.req.parseBody();
    const input = {
      baseUrl: text(body.baseUrl),
      publisherName: text(body.publisherName),
      organisationNumber: text(body.organisationNumber),
      contactEmail: text(body.contactEmail),
    };
    try {
      const saved = await uc.saveSettings(input, c.get('session').user);
      const s = await uc.publish(c.get('session').user);
      const flash = {
        kind: 'notice' as const,
        text: s.queued
          ? 'Sparat; publiceringen är begärd och klar inom några minuter.'
          : s.changed
            ? `Sparat och publicerat (version ${s.sequence}).`
            : 'Sparat; inget behövde publiceras om.',
      };
      return d.render(c, 200, { title: 'Inställningar', flash }, settingsPage(saved, d.csrf(c)));
    } catch (error) {
      if (!(error instanceof InvalidSettingsError)) throw error;
      const shown = {
        schemaVersion: 1 as const,
        baseUrl: input.baseUrl,
        publisher: {
          name: input.publisherName,
          organisationNumber: input.organisationNumber,
          contactEmail: input.contactEmail,
        },
      };
      return d.render(c, 400, { title: 'Inställningar' }, settingsPage(shown, d.csrf(c), error.problems));
    }
  });
}

/** The meeting of a § id: the id without its last part (the § number). */
function meetingOf(paragraphId: string): string {
  return paragraphId.replace(/-[a-z0-9]+$/u, '');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
