import { readFileSync } from 'node:fs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  decodeS3Key,
  decodeSqsS3Message,
  fileNameOfKey,
  MalformedEventError,
} from '../../functions/handlers/support/s3-event-keys.ts';

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as SQSEvent;

describe('decodeS3Key', () => {
  it('turns + into spaces and percent-escapes into UTF-8 characters', () => {
    expect(decodeS3Key('inbox/Protokoll+KS+2024-02-05+%C3%A5%C3%A4%C3%B6.pdf')).toBe(
      'inbox/Protokoll KS 2024-02-05 åäö.pdf',
    );
  });

  it('keeps an encoded plus sign a plus sign (it is %2B in the event, not +)', () => {
    expect(decodeS3Key('inbox/C%2B%2B+and+50%25.txt')).toBe('inbox/C++ and 50%.txt');
  });

  it('decodes capital Å, Ä, Ö and parentheses', () => {
    expect(decodeS3Key('inbox/%C3%85rsm%C3%B6te+%C3%84ldrer%C3%A5d+%282%29.pdf')).toBe(
      'inbox/Årsmöte Äldreråd (2).pdf',
    );
  });

  it('refuses broken percent-encoding with a named error', () => {
    expect(() => decodeS3Key('inbox/%E0%A4%A.pdf')).toThrow(MalformedEventError);
  });
});

describe('decodeSqsS3Message with the event fixtures', () => {
  const event = fixture('sqs-s3-object-created.json');

  it('finds the created inbox object with its decoded key', () => {
    const decoded = decodeSqsS3Message(event.Records[0]!);
    expect(decoded.testEvent).toBe(false);
    expect(decoded.objects).toEqual([
      {
        bucket: 'paragraf-source',
        key: 'inbox/Protokoll KS 2024-02-05 åäö.pdf',
        eventName: 'ObjectCreated:Put',
        size: 1024,
      },
    ]);
    expect(decoded.skipped).toEqual([]);
  });

  it('reads every S3 record in one message, multipart uploads included', () => {
    const decoded = decodeSqsS3Message(event.Records[1]!);
    expect(decoded.objects.map((o) => o.key)).toEqual([
      'inbox/alingsas/Kommunfullmäktige 2026-06-10 vår (2).pdf',
      'inbox/C++ and 50%.txt',
    ]);
  });

  it('recognises the s3:TestEvent and yields nothing to ingest', () => {
    expect(decodeSqsS3Message(event.Records[2]!)).toEqual({ objects: [], skipped: [], testEvent: true });
  });

  it('skips keys outside inbox/, removals and the folder marker, saying why', () => {
    const decoded = decodeSqsS3Message(event.Records[3]!);
    expect(decoded.objects).toEqual([]);
    expect(decoded.skipped).toEqual([
      { key: 'public/index.json', why: 'not a file under inbox/' },
      { key: 'inbox/removed.pdf', why: 'event ObjectRemoved:Delete' },
      { key: 'inbox/', why: 'not a file under inbox/' },
    ]);
  });

  it('throws MalformedEventError for a body that is not JSON or has a broken key', () => {
    const bad = fixture('sqs-malformed.json');
    expect(() => decodeSqsS3Message(bad.Records[0]!)).toThrow(MalformedEventError);
    expect(() => decodeSqsS3Message(bad.Records[1]!)).toThrow(/not valid URL encoding/u);
  });

  it('throws for JSON that is not an S3 notification', () => {
    expect(() => decodeSqsS3Message({ body: '{"hello":"world"}' })).toThrow(/no S3 Records/u);
  });
});

describe('fileNameOfKey', () => {
  it('is the last path segment', () => {
    expect(fileNameOfKey('inbox/alingsas/ks 2024.pdf')).toBe('ks 2024.pdf');
    expect(fileNameOfKey('plain.pdf')).toBe('plain.pdf');
  });
});
