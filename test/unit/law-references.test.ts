import { describe, expect, it } from 'vitest';
import { findLawReferences, lawUrl } from '../../functions/core/records/law-references.ts';
import { expectLinear } from '../support/growth.ts';

const found = (text: string) =>
  findLawReferences(text).map(({ law, sfs, chapter, section }) => ({ law, sfs, chapter, section }));

describe('law citations', () => {
  it('reads the forms the issue names, with the law before or after the place', () => {
    expect(found('Beslut enligt 4 kap. 1 § SoL.')).toEqual([{ law: 'SoL', sfs: '2001:453', chapter: 4, section: '1' }]);
    expect(found('strider mot 9 kap. 31 § plan- och bygglagen')).toEqual([
      { law: 'PBL', sfs: '2010:900', chapter: 9, section: '31' },
    ]);
    expect(found('Överklagande enligt KL 13 kap. 5 §')).toEqual([
      { law: 'KL', sfs: '2017:725', chapter: 13, section: '5' },
    ]);
    expect(found('6 kap. 8 § kommunallagen (2017:725)')).toEqual([
      { law: 'KL', sfs: '2017:725', chapter: 6, section: '8' },
    ]);
    expect(found('enligt 9 § LSS och 7 a § lagen (1930:173)')).toEqual([
      { law: 'LSS', sfs: '1993:387', chapter: undefined, section: '9' },
      { law: '1930:173', sfs: '1930:173', chapter: undefined, section: '7a' },
    ]);
  });

  it('keeps the place in the text and ignores § that cite no law', () => {
    const text = 'Kommunstyrelsen § 12 föreslår, med stöd av 13 kap. 5 § KL, att …';
    const [ref] = findLawReferences(text);
    expect(text.slice(ref!.start, ref!.end)).toBe('13 kap. 5 § KL');
    expect(found('Se § 12 och 5 § lagen.')).toEqual([]);
  });

  it('links to the statute at chapter and section', () => {
    expect(lawUrl({ sfs: '2017:725', chapter: 13, section: '5' })).toBe('https://lagen.nu/2017:725#K13P5');
    expect(lawUrl({ sfs: '1993:387', section: '9' })).toBe('https://lagen.nu/1993:387#P9');
    expect(lawUrl({ sfs: '1930:173', section: '7a' })).toBe('https://lagen.nu/1930:173#P7A');
  });

  it('finds the citations written in the corpus protocols (Alingsås KF 2018-03-28, BUN 2026-05-26)', () => {
    expect(found('Enligt 5 kap 20a § kommunallagen ska fullmäktige')).toEqual([
      { law: 'KL', sfs: '2017:725', chapter: 5, section: '20a' },
    ]);
    expect(found('Skollagen 8 kap 12a§ anger att')).toEqual([
      { law: 'Skollagen', sfs: '2010:800', chapter: 8, section: '12a' },
    ]);
  });

  it('takes linear time on long runs of near-citations', () => {
    expectLinear((n) => {
      const text = '13 kap. 5 '.repeat(n);
      return () => findLawReferences(text);
    }, 500);
    expectLinear((n) => {
      const text = '1 § 2 § SoL kap '.repeat(n);
      return () => findLawReferences(text);
    }, 500);
  });
});
