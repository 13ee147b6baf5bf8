import { describe, expect, it } from 'vitest';
import { hintsFor } from '../../functions/cli/parse-file.ts';

describe('hintsFor (paragraf parse)', () => {
  it('reads municipality, body and date from a house-convention file name', () => {
    expect(hintsFor('data/samples/alingsas-kommunstyrelsen-2024-02-05-p28.txt', {})).toEqual({
      municipality: 'Alingsås',
      body: 'kommunstyrelsen',
      date: '2024-02-05',
    });
  });

  it('takes the municipality from the folder for corpus names without one', () => {
    expect(hintsFor('/work/shared/corpus/alingsas/barn-och-ungdomsnamnden-2026-05-26.pdf', {})).toEqual({
      municipality: 'Alingsås',
      body: 'barn och ungdomsnamnden',
      date: '2026-05-26',
    });
  });

  it('does not guess a body from a name whose municipality is unknown', () => {
    expect(hintsFor('/tmp/kommunstyrelsen-2026-06-01.pdf', {})).toEqual({ date: '2026-06-01' });
  });

  it('lets flags win over the file name and the folder', () => {
    const flags = { municipality: 'Lerum', date: '2026-06-02', noticeDate: '2026-06-05' };
    expect(hintsFor('alingsas/kommunstyrelsen-2026-06-01.pdf', flags)).toEqual({
      municipality: 'Lerum',
      body: 'kommunstyrelsen',
      date: '2026-06-02',
      noticeDate: '2026-06-05',
    });
  });

  it('ignores a folder that is not a municipality', () => {
    expect(hintsFor('inbox/protokoll.pdf', {})).toEqual({});
  });
});
