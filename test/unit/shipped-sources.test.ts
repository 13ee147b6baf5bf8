/**
 * The shipped harvest sources (data/sources/*.json): they load, they name every municipality PORTALS.md lists per
 * system, and none is scheduled or harvested by default until a person has confirmed its URL.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSourceDefinition } from '../../functions/core/harvest/source-definition.ts';
import { loadSources } from '../../functions/pipeline/harvest/source-files.ts';

const sources = loadSources('data/sources');

/** The municipalities PORTALS.md names under each system. */
const NAMED = {
  ciceron: [
    'Östersund',
    'Helsingborg',
    'Mölndal',
    'Söderköping',
    'Lysekil',
    'Söderhamn',
    'Robertsfors',
    'Hörby',
    'Höör',
    'Östra Göinge',
    'Falköping',
  ],
  netpublicator: [
    'Åtvidaberg',
    'Öckerö',
    'Sigtuna',
    'Nyköping',
    'Ekerö',
    'Burlöv',
    'Staffanstorp',
    'Partille',
    'Lomma',
  ],
  'meetings-plus': ['Alingsås', 'Huddinge', 'Ragunda', 'Tranås', 'Linköping', 'Lund', 'Lekeberg', 'Hylte'],
};

describe('shipped harvest sources', () => {
  it.each(Object.entries(NAMED))('name every %s municipality of the facts sheet', (system, municipalities) => {
    expect(
      sources
        .filter((s) => s.system === system)
        .map((s) => s.municipality)
        .sort(),
    ).toEqual([...municipalities].sort());
  });

  it('are all marked unverified, with what a person must check and where the URL comes from', () => {
    for (const s of sources) {
      expect(s.status, s.id).toBe('unverified');
      expect(s.check, s.id).toMatch(/set status active/u);
      expect(s.basis, s.id).toMatch(/not checked from here/u);
    }
  });

  it('keep the hosts PORTALS.md names for Meetings+', () => {
    const url = (id: string) => sources.find((s) => s.id === id)?.baseUrl;
    expect(url('alingsas-meetings-plus')).toBe('https://sammantradesportal.alingsas.se');
    expect(url('huddinge-meetings-plus')).toBe('https://sammantraden.huddinge.se');
    expect(url('lund-meetings-plus')).toBe('https://moten.lund.se');
  });

  it('ship a SiteVision example that is a valid source once its values are real', () => {
    const file = JSON.parse(readFileSync('data/sources/sitevision.json', 'utf8')) as {
      example: Record<string, unknown>;
    };
    const example = parseSourceDefinition({ ...file.example, status: 'active' }, 'sitevision example');
    expect(example.sitevision?.folders).toHaveLength(2);
  });
});
