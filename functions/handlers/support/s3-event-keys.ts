import type { SQSRecord } from 'aws-lambda';
import { INBOX_PREFIX } from '../../store/keys.ts';

/**
 * Turning an SQS message that carries an S3 notification into the object keys to ingest.
 *
 * S3 puts keys into event notifications URL-form-encoded: a space arrives as '+', 'å' as '%C3%A5', and a literal '+'
 * as '%2B' (AWS S3 User Guide, "Event message structure": "The s3 key provides information about the bucket and object
 * involved in the event. The object key name value is URL encoded."). So '+' must become a space BEFORE percent-decoding.
 */

export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `inbox/Protokoll+KS+2024-02-05+%C3%A5%C3%A4%C3%B6.pdf` → `inbox/Protokoll KS 2024-02-05 åäö.pdf`. */
export function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/gu, ' '));
  } catch (cause) {
    throw new MalformedEventError(`S3 key is not valid URL encoding: ${JSON.stringify(encoded)}`, { cause });
  }
}

export interface S3ObjectRef {
  bucket: string;
  /** Decoded key. */
  key: string;
  eventName: string;
  size?: number;
}

export interface DecodedMessage {
  /** Objects created under inbox/. */
  objects: S3ObjectRef[];
  /** Keys that were in the message but are not ours to ingest (other prefixes, other event types), for the log. */
  skipped: Array<{ key: string; why: string }>;
  /** True for the s3:TestEvent that S3 sends once when a notification is configured. */
  testEvent: boolean;
}

interface S3NotificationRecord {
  eventName?: unknown;
  s3?: { bucket?: { name?: unknown }; object?: { key?: unknown; size?: unknown } };
}

/** Reads one SQS record's body. Throws MalformedEventError when it is not an S3 notification at all. */
export function decodeSqsS3Message(record: Pick<SQSRecord, 'body'>): DecodedMessage {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (cause) {
    throw new MalformedEventError('SQS message body is not JSON', { cause });
  }
  const result: DecodedMessage = { objects: [], skipped: [], testEvent: false };
  if (isObject(body) && body['Event'] === 's3:TestEvent') return { ...result, testEvent: true };
  const records = isObject(body) ? body['Records'] : undefined;
  if (!Array.isArray(records)) throw new MalformedEventError('SQS message body has no S3 Records');
  for (const raw of records as S3NotificationRecord[]) {
    const eventName = typeof raw?.eventName === 'string' ? raw.eventName : '';
    const encoded = raw?.s3?.object?.key;
    const bucket = raw?.s3?.bucket?.name;
    if (typeof encoded !== 'string' || typeof bucket !== 'string') {
      throw new MalformedEventError('S3 record without bucket name or object key');
    }
    const key = decodeS3Key(encoded);
    if (!eventName.startsWith('ObjectCreated:')) {
      result.skipped.push({ key, why: `event ${eventName || 'unknown'}` });
    } else if (!key.startsWith(INBOX_PREFIX) || key.endsWith('/')) {
      result.skipped.push({ key, why: 'not a file under inbox/' });
    } else {
      const size = typeof raw.s3?.object?.size === 'number' ? raw.s3.object.size : undefined;
      result.objects.push({ bucket, key, eventName, ...(size === undefined ? {} : { size }) });
    }
  }
  return result;
}

/** The file name an inbox key stands for: the last path segment. */
export function fileNameOfKey(key: string): string {
  const i = key.lastIndexOf('/');
  return i < 0 ? key : key.slice(i + 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
