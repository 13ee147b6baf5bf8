import type { HttpClient } from '../../ports/http-client.ts';
import { PortalResponseError } from '../../ports/portal-connector.ts';
import { fetchJson } from './portal-http.ts';

/**
 * Ciceron's JSON-RPC (PORTALS.md): every call is `POST <host>/json` with the envelope
 * `{"jsonrpc":"2.0","method":"CiceronsokServer:<M>","params":{…},"session_id":"<sid>"}`. `CiceronsokServer:Test`
 * opens a session; every reply echoes the session id, which also travels as the cookie `cicsoksid`. A reply with an
 * error (an expired session, typically) is answered by opening a new session and asking once more.
 */
export class CiceronRpc {
  private sessionId: string | undefined;
  private nextId = 1;

  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
  ) {}

  async call(method: string, params: Record<string, unknown>): Promise<unknown> {
    if (this.sessionId === undefined) await this.open();
    try {
      return await this.send(method, params);
    } catch (error) {
      if (!(error instanceof CiceronRpcError)) throw error;
      await this.open();
      return this.send(method, params);
    }
  }

  private async open(): Promise<void> {
    this.sessionId = undefined;
    await this.send('Test', {});
    if (this.sessionId === undefined)
      throw new PortalResponseError(this.endpoint, `${this.endpoint}: CiceronsokServer:Test gave no session_id`);
  }

  private get endpoint(): string {
    return `${this.baseUrl}/json`;
  }

  private async send(method: string, params: Record<string, unknown>): Promise<unknown> {
    const envelope = {
      jsonrpc: '2.0',
      method: `CiceronsokServer:${method}`,
      params,
      id: this.nextId++,
      ...(this.sessionId === undefined ? {} : { session_id: this.sessionId }),
    };
    const reply = await fetchJson(this.http, {
      method: 'POST',
      url: this.endpoint,
      headers: {
        'content-type': 'application/json',
        ...(this.sessionId === undefined ? {} : { cookie: `cicsoksid=${this.sessionId}` }),
      },
      body: JSON.stringify(envelope),
    });
    if (typeof reply !== 'object' || reply === null)
      throw new PortalResponseError(this.endpoint, `${method}: the reply is not a JSON-RPC object`);
    const r = reply as { session_id?: unknown; error?: unknown; result?: unknown };
    if (typeof r.session_id === 'string' && r.session_id !== '') this.sessionId = r.session_id;
    if (r.error !== undefined && r.error !== null) {
      throw new CiceronRpcError(
        this.endpoint,
        `CiceronsokServer:${method} failed: ${JSON.stringify(r.error).slice(0, 200)}`,
      );
    }
    return r.result;
  }
}

export class CiceronRpcError extends PortalResponseError {
  override name = 'CiceronRpcError';
}

/** Ciceron returns several results as a JSON *string* inside the JSON reply; this reads either form. */
export function jsonInside(value: unknown, url: string, what: string): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch (error) {
      throw new PortalResponseError(url, `${what} is not valid JSON`, { cause: error });
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new PortalResponseError(url, `${what} is not a JSON object`);
  return parsed as Record<string, unknown>;
}
