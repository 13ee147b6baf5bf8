import { describe, expect, it } from 'vitest';
import { reflow } from '../../functions/core/text/reflow.ts';

describe('reflow for display', () => {
  it('joins the hard line breaks of a PDF into paragraphs, keeping blank lines as breaks', () => {
    expect(
      reflow('Kommunstyrelsen föreslår\nkommunfullmäktige att anta\ndetaljplanen.\n\nÄrendet är brådskande.'),
    ).toBe('Kommunstyrelsen föreslår kommunfullmäktige att anta detaljplanen.\n\nÄrendet är brådskande.');
  });

  it('keeps list items on lines of their own, and joins their wrapped lines', () => {
    expect(
      reflow(
        'Kommunstyrelsen beslutar\n1. Detaljplanen antas\nmed ändringar.\n2. Uppdraget avslutas.\natt godkänna\nredovisningen',
      ),
    ).toBe(
      'Kommunstyrelsen beslutar\n1. Detaljplanen antas med ändringar.\n2. Uppdraget avslutas.\natt godkänna redovisningen',
    );
  });

  it('joins a word broken at the line end, but keeps "plan- och bygglagen"', () => {
    expect(reflow('enligt kommunal-\nlagen och plan-\noch bygglagen')).toBe(
      'enligt kommunallagen och plan- och bygglagen',
    );
  });

  it('leaves text without hard breaks as it is', () => {
    expect(reflow('Motionen avslås.')).toBe('Motionen avslås.');
  });
});
