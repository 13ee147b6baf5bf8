import { CACHE, validatorsFor } from '../http/conditional.ts';
import { ref } from '../schema/components.ts';
import { defineRoute } from '../schema/route.ts';
import * as P from '../request/common-params.ts';
import { sendJson } from './respond.ts';

export const listMunicipalities = defineRoute({
  operationId: 'listMunicipalities',
  path: '/v1/municipalities',
  tag: 'Katalog',
  summary: 'Municipalities',
  description: 'Every municipality with published protocols, with counts and the span of meeting dates.',
  query: {},
  pathParams: {},
  response: { description: 'The municipalities.', schema: ref('MunicipalityList') },
  async handle({ c, snapshot, siteUrl, deps }) {
    const v = validatorsFor(c, snapshot, CACHE.list, 'json');
    const items = snapshot.index.municipalities().map((m) => ({
      ...m,
      links: {
        bodies: `${siteUrl}/v1/bodies?municipality=${m.slug}`,
        paragraphs: `${siteUrl}/v1/paragraphs?municipality=${m.slug}`,
      },
    }));
    return sendJson(c, { items }, v, deps.responses);
  },
});

export const listBodies = defineRoute({
  operationId: 'listBodies',
  path: '/v1/bodies',
  tag: 'Katalog',
  summary: 'Bodies (kommunfullmäktige, kommunstyrelsen, nämnder)',
  description: 'Every body with published protocols, per municipality, with counts and the span of meeting dates.',
  query: { municipality: P.municipality },
  pathParams: {},
  response: { description: 'The bodies.', schema: ref('BodyList') },
  async handle({ c, query, snapshot, siteUrl, deps }) {
    const v = validatorsFor(c, snapshot, CACHE.list, 'json');
    const items = snapshot.index.bodies(query.municipality).map((b) => ({
      ...b,
      links: {
        meetings: `${siteUrl}/v1/meetings?municipality=${b.municipality}&body=${b.slug}`,
        paragraphs: `${siteUrl}/v1/paragraphs?municipality=${b.municipality}&body=${b.slug}`,
      },
    }));
    return sendJson(c, { items }, v, deps.responses);
  },
});
