import { describe, expect, it } from 'vitest';
import { fileNameHints } from '../../functions/pipeline/file-name-hints.ts';

describe('fileNameHints', () => {
  it('reads <municipality>-<body>-<date> from the house naming convention', () => {
    expect(fileNameHints('alingsas-kommunstyrelsen-2024-02-05-p28.txt')).toEqual({
      municipality: 'Alingsås',
      body: 'kommunstyrelsen',
      date: '2024-02-05',
    });
  });

  it('keeps multi-word bodies and recognises two-word municipalities', () => {
    expect(fileNameHints('alingsas-barn-och-ungdomsnamnden-2026-05-26.pdf')).toEqual({
      municipality: 'Alingsås',
      body: 'barn och ungdomsnamnden',
      date: '2026-05-26',
    });
    expect(fileNameHints('upplands-vasby-kommunfullmaktige-2024-03-11.pdf')).toEqual({
      municipality: 'Upplands Väsby',
      body: 'kommunfullmaktige',
      date: '2024-03-11',
    });
  });

  it('with the municipality known from elsewhere, the whole prefix is the body', () => {
    expect(fileNameHints('tekniska-namnden-2026-05-18.pdf', { municipality: 'Alingsås' })).toEqual({
      municipality: 'Alingsås',
      body: 'tekniska namnden',
      date: '2026-05-18',
    });
    // …and a leading municipality slug that matches the known one is not part of the body.
    expect(fileNameHints('alingsas-kommunstyrelsen-2024-02-05.pdf', { municipality: 'Alingsås kommun' })).toEqual({
      municipality: 'Alingsås kommun',
      body: 'kommunstyrelsen',
      date: '2024-02-05',
    });
  });

  it('passes a name outside the convention only its date, never a guessed body', () => {
    expect(fileNameHints('Protokoll KS 2024-02-05 åäö.pdf')).toEqual({ date: '2024-02-05' });
    expect(fileNameHints('kommunstyrelsen-2026-06-01.pdf')).toEqual({ date: '2026-06-01' });
    // Known municipality, but "Protokoll KF" / "ks" are not body names: the parser should read the body from the text.
    expect(fileNameHints('Protokoll KF 2026-06-10 åäö.pdf', { municipality: 'Alingsås' })).toEqual({
      municipality: 'Alingsås',
      date: '2026-06-10',
    });
    expect(fileNameHints('alingsas-ks-2024-02-05.pdf')).toEqual({ municipality: 'Alingsås', date: '2024-02-05' });
  });

  it('gives nothing for names without a real date', () => {
    expect(fileNameHints('protokoll.pdf')).toEqual({});
    expect(fileNameHints('alingsas-ks-2024-02-30.pdf')).toEqual({});
    expect(fileNameHints('scan-20240205.pdf')).toEqual({});
  });

  it('never overrides what the caller already knows', () => {
    expect(fileNameHints('alingsas-kommunstyrelsen-2024-02-05.pdf', { date: '2024-02-06', body: 'KS' })).toEqual({
      municipality: 'Alingsås',
      body: 'KS',
      date: '2024-02-06',
    });
  });

  it('ignores directories in the name', () => {
    expect(fileNameHints('some/dir/alingsas-kommunstyrelsen-2024-02-05.pdf').municipality).toBe('Alingsås');
  });
});
