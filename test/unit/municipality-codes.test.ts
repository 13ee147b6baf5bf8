import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../functions/core/records/municipalities.ts';
import {
  MUNICIPALITY_CODES,
  municipalityCode,
  municipalityOwnName,
} from '../../functions/core/records/municipality-codes.ts';

describe('SCB municipality codes', () => {
  it('gives each of the 290 municipalities one distinct four-digit code', () => {
    expect(MUNICIPALITY_CODES.size).toBe(290);
    expect([...MUNICIPALITY_CODES.keys()].sort()).toEqual([...MUNICIPALITIES].sort());
    const codes = [...MUNICIPALITY_CODES.values()];
    expect(new Set(codes).size).toBe(290);
    for (const c of codes) expect(c).toMatch(/^\d{4}$/u);
  });

  it('puts the municipalities in their counties, with the county seat numbered 80 as SCB does', () => {
    const perCounty = new Map<string, number>();
    for (const c of MUNICIPALITY_CODES.values()) perCounty.set(c.slice(0, 2), (perCounty.get(c.slice(0, 2)) ?? 0) + 1);
    // Municipalities per county (län), from SCB's list.
    expect(Object.fromEntries(perCounty)).toEqual({
      '01': 26,
      '03': 8,
      '04': 9,
      '05': 13,
      '06': 13,
      '07': 8,
      '08': 12,
      '09': 1,
      '10': 5,
      '12': 33,
      '13': 6,
      '14': 49,
      '17': 16,
      '18': 12,
      '19': 10,
      '20': 15,
      '21': 10,
      '22': 7,
      '23': 8,
      '24': 15,
      '25': 14,
    });
    expect(
      [
        'Stockholm',
        'Uppsala',
        'Nyköping',
        'Linköping',
        'Jönköping',
        'Växjö',
        'Kalmar',
        'Gotland',
        'Karlskrona',
        'Malmö',
        'Halmstad',
        'Göteborg',
        'Karlstad',
        'Örebro',
        'Västerås',
        'Falun',
        'Gävle',
        'Härnösand',
        'Östersund',
        'Umeå',
        'Luleå',
      ].map((n) => MUNICIPALITY_CODES.get(n)!.slice(2)),
    ).toEqual(Array(21).fill('80'));
  });

  it('finds the code however the municipality is written', () => {
    expect(municipalityCode('Alingsås kommun')).toBe('1489');
    expect(municipalityCode('alingsas')).toBe('1489');
    expect(municipalityCode('Göteborgs Stad')).toBe('1480');
    expect(municipalityCode('Region Gotland')).toBe('0980');
    expect(municipalityCode('Testby')).toBeUndefined();
  });

  it('names the municipality as it names itself', () => {
    expect(municipalityOwnName('Göteborg')).toBe('Göteborgs Stad');
    expect(municipalityOwnName('goteborg')).toBe('Göteborgs Stad');
    expect(municipalityOwnName('Alingsås')).toBe('Alingsås kommun');
    expect(municipalityOwnName('Lund')).toBe('Lunds kommun');
    expect(municipalityOwnName('Uppsala')).toBe('Uppsala kommun');
    expect(municipalityOwnName('Falun')).toBe('Falu kommun');
    expect(municipalityOwnName('Gotland')).toBe('Region Gotland');
    expect(municipalityOwnName('Testby')).toBe('Testby');
  });
});
