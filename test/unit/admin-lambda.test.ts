/**
 * The admin Lambda driven with function URL events as CloudFront sends them: the origin secret is checked before
 * anything else, sign-in goes through the Cognito hosted sign-in (fake token endpoint, JWKS made here, no network),
 * the session cookie is Secure, "Publicera" becomes one message on the publish queue, uploads land in the source
 * bucket's inbox under a key the server chose (presigned PUT with signed size and metadata, or the form's files).
 */
import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AdminConfigError, readAdminConfig } from '../../functions/handlers/support/admin-config.ts';
import { createAdminHandler } from '../../functions/handlers/support/admin-handler.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import {
  accessClaims,
  CLIENT_ID,
  DOMAIN_URL,
  fakeTokenEndpoint,
  idClaims,
  jwksOf,
  keyPair,
  signJwt,
  USER_POOL_ID,
} from '../support/cognito-fake.ts';

const SITE = 'https://protokoll.alingsas.test';
const ORIGIN_SECRET = 'origin-secret-0123456789abcdef0123456789';
const ENV = {
  DATA_BUCKET: 'paragraf-data',
  SOURCE_BUCKET: 'paragraf-source',
  PUBLISH_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/publish.fifo',
  PUBLIC_BASE_URL: SITE,
  USER_POOL_ID,
  USER_POOL_CLIENT_ID: CLIENT_ID,
  AUTH_DOMAIN_URL: DOMAIN_URL,
  ORIGIN_SECRET,
  SESSION_SECRET: 'session-secret-abcdefghijklmnopqrstuvwxyz012345',
  AWS_REGION: 'eu-north-1',
  MAX_UPLOAD_BYTES: '1000000',
  LOG_LEVEL: 'error',
};
const BASE_EVENT = JSON.parse(
  readFileSync(new URL('../fixtures/events/function-url-admin-get.json', import.meta.url), 'utf8'),
) as APIGatewayProxyEventV2;

interface Sent {
  name: string;
  input: Record<string, unknown>;
}

function fixture() {
  const s3Calls: Sent[] = [];
  const sqsCalls: Sent[] = [];
  // A real client (presigning needs its signer and credentials) whose send never leaves the process.
  const s3 = new S3Client({
    region: 'eu-north-1',
    credentials: { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: 'secret' },
  });
  s3.send = (async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    s3Calls.push({ name: command.constructor.name, input: command.input });
    if (command.constructor.name === 'ListObjectsV2Command') return { Contents: [], IsTruncated: false };
    if (command.constructor.name === 'PutObjectCommand') return {};
    throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  }) as unknown as S3Client['send'];
  const sqs = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sqsCalls.push({ name: command.constructor.name, input: command.input });
      return { MessageId: 'm-1' };
    },
  } as unknown as SQSClient;
  const keys = keyPair();
  const endpoint = fakeTokenEndpoint({
    id_token: signJwt(keys.privateKey, idClaims()),
    access_token: signJwt(keys.privateKey, accessClaims()),
  });
  const handler = createAdminHandler({
    s3,
    sqs,
    env: ENV,
    clock: fixedClock('2026-06-20T08:00:00Z'),
    fetch: endpoint.fetch,
    jwks: jwksOf(keys.publicKey),
  });
  const invoke = async (
    path: string,
    options: {
      /** The origin secret header's value; absent = the one CloudFront sends, undefined = no header. */
      secret?: string | undefined;
      method?: string;
      query?: string;
      cookies?: string[];
      headers?: Record<string, string>;
      body?: Uint8Array;
    } = {},
  ) => {
    const event: APIGatewayProxyEventV2 = structuredClone(BASE_EVENT);
    event.rawPath = path;
    event.requestContext.http.path = path;
    event.requestContext.http.method = options.method ?? 'GET';
    event.rawQueryString = options.query ?? '';
    event.cookies = options.cookies ?? [];
    event.headers = { ...event.headers, ...options.headers };
    if ('secret' in options) {
      delete event.headers['x-paragraf-origin-verify'];
      if (options.secret !== undefined) event.headers['x-paragraf-origin-verify'] = options.secret;
    }
    if (options.body) {
      event.body = Buffer.from(options.body).toString('base64');
      event.isBase64Encoded = true;
    }
    return (await handler(event as unknown as Parameters<typeof handler>[0], {} as never)) as APIGatewayProxyResult & {
      cookies?: string[];
    };
  };
  return { invoke, s3Calls, sqsCalls, endpoint };
}

async function form(fields: Record<string, string | File>): Promise<{ body: Uint8Array; type: string }> {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  const response = new Response(data);
  return { body: new Uint8Array(await response.arrayBuffer()), type: response.headers.get('content-type') ?? '' };
}

async function signedIn(f: ReturnType<typeof fixture>) {
  const login = await f.invoke('/admin/login');
  const state = new URL(String(login.headers?.location)).searchParams.get('state') ?? '';
  const pkce = (login.cookies ?? [])[0]!.split(';')[0]!;
  const callback = await f.invoke('/admin/callback', {
    query: `code=the-code&state=${state}`,
    cookies: [pkce],
  });
  const session = (callback.cookies ?? []).find(
    (c) => c.startsWith('paragraf_admin=') && !c.startsWith('paragraf_admin=;'),
  );
  const cookie = session!.split(';')[0]!;
  const home = await f.invoke('/admin', { cookies: [cookie] });
  const csrf = /name="_csrf" value="([^"]+)"/u.exec(home.body)?.[1] ?? '';
  const post = async (path: string, fields: Record<string, string | File>) => {
    const { body, type } = await form({ _csrf: csrf, ...fields });
    return f.invoke(path, { method: 'POST', cookies: [cookie], headers: { origin: SITE, 'content-type': type }, body });
  };
  return { session: session!, home, post };
}

describe('readAdminConfig', () => {
  it('reads every setting and names what is missing or malformed', () => {
    expect(readAdminConfig(ENV)).toMatchObject({
      publicBaseUrl: SITE,
      userPoolId: USER_POOL_ID,
      maxUploadBytes: 1_000_000,
    });
    expect(() => readAdminConfig({ ...ENV, USER_POOL_ID: '' })).toThrow(/USER_POOL_ID is required/u);
    expect(() => readAdminConfig({ ...ENV, PUBLIC_BASE_URL: 'http://x.test' })).toThrow(AdminConfigError);
    expect(() => readAdminConfig({ ...ENV, ORIGIN_SECRET: 'short' })).toThrow(/at least 32/u);
    expect(() => readAdminConfig({ ...ENV, USER_POOL_ID: 'pool' })).toThrow(/not a user pool id/u);
  });
});

describe('admin Lambda', () => {
  it('refuses every request without CloudFront’s origin secret (403) before the app sees it', async () => {
    const f = fixture();
    const cases: Array<[string, string | undefined, number]> = [
      ['no header', undefined, 403],
      ['another value', 'wrong', 403],
      ['the value and more', `${ORIGIN_SECRET}x`, 403],
      ['a prefix of it', ORIGIN_SECRET.slice(0, -1), 403],
      ['the secret', ORIGIN_SECRET, 302],
    ];
    for (const [what, secret, status] of cases) {
      const res = await f.invoke('/admin/login', { secret });
      expect(res.statusCode, what).toBe(status);
    }
    const post = await f.invoke('/admin/logga-in', { method: 'POST', secret: undefined, headers: { origin: SITE } });
    expect(post.statusCode).toBe(403);
    expect(f.s3Calls).toEqual([]);
    expect(f.endpoint.urls).toEqual([]);
  });

  it('answers an anonymous visitor with the sign-in page, uncached', async () => {
    const f = fixture();
    const res = await f.invoke('/admin');
    expect(res.statusCode).toBe(401);
    expect(res.headers?.['cache-control']).toBe('no-store');
    expect(res.body).toContain('href="/admin/login"');
    expect(f.s3Calls).toEqual([]);
  });

  it('signs in through the hosted sign-in and keeps the session in a Secure cookie', async () => {
    const f = fixture();
    const login = await f.invoke('/admin/login');
    expect(login.statusCode).toBe(302);
    expect(String(login.headers?.location)).toMatch(new RegExp(`^${DOMAIN_URL}/oauth2/authorize\\?`, 'u'));
    expect(String(login.headers?.location)).toContain(encodeURIComponent(`${SITE}/admin/callback`));
    const { session, home } = await signedIn(f);
    expect(session).toContain('Secure');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('registrator@alingsas.test');
    expect(home.body).toContain('data-presign="/admin/uppladdning"');
    expect(home.headers?.['content-security-policy']).toContain(
      "connect-src 'self' https://paragraf-source.s3.eu-north-1.amazonaws.com",
    );
    expect(f.endpoint.exchanges[0]?.redirect_uri).toBe(`${SITE}/admin/callback`);
  });

  it('asks the publish queue to publish instead of writing public/ itself', async () => {
    const f = fixture();
    const { post } = await signedIn(f);
    const res = await post('/admin/publicera', {});
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Publiceringen är begärd');
    expect(f.sqsCalls).toHaveLength(1);
    expect(f.sqsCalls[0]?.input).toMatchObject({ QueueUrl: ENV.PUBLISH_QUEUE_URL, MessageGroupId: 'publish' });
    expect(JSON.parse(String(f.sqsCalls[0]?.input.MessageBody))).toMatchObject({
      requestedBy: 'registrator@alingsas.test',
    });
    expect(f.s3Calls.filter((c) => c.name !== 'ListObjectsV2Command' && c.name !== 'GetObjectCommand')).toEqual([]);
  });

  it('hands out presigned PUT URLs into inbox/ for exactly the declared size, under a key it chose', async () => {
    const f = fixture();
    const { post } = await signedIn(f);
    const res = await post('/admin/uppladdning', {
      name: '../../public/index.html/KS 2026-06-10 protokoll.pdf',
      size: '524288',
      noticeDate: '2026-06-15',
    });
    expect(res.statusCode).toBe(200);
    const signed = JSON.parse(res.body) as {
      url: string;
      method: string;
      headers: Record<string, string>;
      path: string;
    };
    const url = new URL(signed.url);
    expect(signed.method).toBe('PUT');
    expect(url.host).toBe('paragraf-source.s3.eu-north-1.amazonaws.com');
    expect(decodeURIComponent(url.pathname)).toMatch(
      /^\/inbox\/admin\/2026-06-20\/[0-9a-f]{32}\/ks-2026-06-10-protokoll\.pdf$/u,
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host', 'x-amz-meta-paragraf-notice-date']),
    );
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    expect(signed.headers).toEqual({
      'Content-Type': 'application/pdf',
      'x-amz-meta-paragraf-notice-date': '2026-06-15',
    });

    const tooLarge = await post('/admin/uppladdning', { name: 'a.pdf', size: '1000001' });
    expect(tooLarge.statusCode).toBe(400);
    const noSize = await post('/admin/uppladdning', { name: 'a.pdf', size: 'lots' });
    expect(noSize.statusCode).toBe(400);
    expect(f.s3Calls.filter((c) => c.name === 'PutObjectCommand')).toEqual([]);
  });

  it('puts a file posted with the form (no script) into inbox/ with its notice date', async () => {
    const f = fixture();
    const { post } = await signedIn(f);
    const res = await post('/admin/ladda-upp', {
      files: new File(['§ 1 Val av justerare'], 'kommunstyrelsen-2026-06-10.txt', { type: 'text/plain' }),
      noticeDate: '2026-06-15',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mottagen');
    const puts = f.s3Calls.filter((c) => c.name === 'PutObjectCommand');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.input).toMatchObject({
      Bucket: 'paragraf-source',
      Metadata: { 'paragraf-notice-date': '2026-06-15' },
    });
    expect(String(puts[0]?.input.Key)).toMatch(
      /^inbox\/admin\/2026-06-20\/[0-9a-f]{32}\/kommunstyrelsen-2026-06-10\.txt$/u,
    );
  });
});
