import { describe, expect, it } from 'vitest';
import { isValidId, meetingId, municipalitySlug, paragraphId, slugify } from '../../functions/core/records/ids.ts';
import { bodyNameFromHint } from '../../functions/core/records/bodies.ts';
import { MUNICIPALITIES } from '../../functions/core/records/municipalities.ts';

describe('stable ids', () => {
  it('folds å/ä/ö and punctuation into [a-z0-9-]', () => {
    expect(slugify('Barn- och ungdomsnämnden')).toBe('barn-och-ungdomsnamnden');
    expect(meetingId('Alingsås', 'Kommunstyrelsen', '2024-02-05')).toBe('alingsas-kommunstyrelsen-2024-02-05');
    expect(paragraphId('alingsas-kommunstyrelsen-2024-02-05', '28')).toBe('alingsas-kommunstyrelsen-2024-02-05-28');
    expect(paragraphId('m', '12 a')).toBe('m-12a');
  });

  it('gives every one of the 290 municipalities its own slug (Habo and Håbo included)', () => {
    const slugs = MUNICIPALITIES.map(municipalitySlug);
    expect(new Set(slugs).size).toBe(MUNICIPALITIES.length);
    expect(municipalitySlug('Habo')).toBe('habo');
    expect(municipalitySlug('Håbo')).toBe('haabo');
  });

  it('never produces an id that could leave the store', () => {
    for (const evil of ['../../etc/passwd', '/abs', 'a/b', '..', '%2e%2e']) {
      const id = meetingId(evil, evil, '2024-01-01');
      expect(isValidId(id)).toBe(true);
      expect(id).not.toMatch(/[./\\%]/u);
    }
  });
});

describe('body names from hints', () => {
  it('restores the printed name of a common body from its slug', () => {
    expect(bodyNameFromHint('kommunstyrelsen')).toBe('Kommunstyrelsen');
    expect(bodyNameFromHint('barn-och-ungdomsnamnden')).toBe('Barn- och ungdomsnämnden');
    expect(bodyNameFromHint('tekniska-namnden')).toBe('Tekniska nämnden');
  });

  it('keeps a name that is already written properly, and capitalises an unknown slug', () => {
    expect(bodyNameFromHint('Kommunstyrelsen')).toBe('Kommunstyrelsen');
    expect(bodyNameFromHint('Stadsbyggnadsnämnden')).toBe('Stadsbyggnadsnämnden');
    expect(bodyNameFromHint('hamnstyrelsen')).toBe('Hamnstyrelsen');
    expect(bodyNameFromHint('kretslopp-och-vattennamnden')).toBe('Kretslopp och vattennamnden');
  });
});
