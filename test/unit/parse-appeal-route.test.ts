import { describe, expect, it } from 'vitest';
import { hasOtherAppealRoute } from '../../functions/core/parse/fields/appeal-route.ts';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';

/**
 * KL 13 kap. 3 §: a § decided under a law with its own appeal route is marked. Titles and decisions written the way
 * Swedish byggnadsnämnder, socialnämnder, miljönämnder and kommunstyrelser print them; one negative per class.
 */
describe('decisions under a law with its own appeal route', () => {
  it.each([
    // plan- och bygglagen; strandskydd (miljöbalken 7 kap.)
    [
      'Ansökan om bygglov för nybyggnad av enbostadshus, Sollebrunn 1:23',
      'Bygglov beviljas med stöd av 9 kap. 31 § plan- och bygglagen.',
    ],
    ['Rivningslov för ekonomibyggnad, Bälinge 4:7', 'Nämnden beviljar rivningslov.'],
    ['Ansökan om marklov för utfyllnad, Hemsjö 2:14', 'Ansökan om marklov avslås.'],
    ['Förhandsbesked för nybyggnad av två enbostadshus, Ödenäs 3:2', 'Positivt förhandsbesked lämnas.'],
    [
      'Strandskyddsdispens för brygga vid Mjörn, Lövekulle 1:5',
      'Dispens från strandskyddet medges för bryggan enligt situationsplan.',
    ],
    ['Detaljplan för förskola vid Nolhaga allé, beslut om antagande', 'Planförslaget antas.'],
    ['Antagande av områdesbestämmelser för Gräfsnäs', 'Kommunfullmäktige antar områdesbestämmelserna.'],
    // socialtjänstlagen, LSS, LVU, LVM
    ['Ansökan om bistånd enligt 4 kap. 1 § SoL', 'Ansökan avslås.'],
    ['Ansökan om personlig assistans enligt 9 § 2 LSS', 'Personlig assistans beviljas med 120 timmar per vecka.'],
    [
      'Omedelbart omhändertagande enligt 6 § LVU',
      'Nämnden fastställer ordförandens beslut att omhänderta barnet enligt 6 § LVU.',
    ],
    [
      'Ansökan om vård enligt lagen med särskilda bestämmelser om vård av missbrukare',
      'Nämnden ansöker hos förvaltningsrätten om vård enligt 4 § LVM.',
    ],
    // miljöbalken
    [
      'Föreläggande om åtgärder för enskilt avlopp, Vänga 2:9',
      'Nämnden förelägger fastighetsägaren att åtgärda avloppet med stöd av 26 kap. 9 § miljöbalken.',
    ],
    // alkohollagen
    [
      'Ansökan om stadigvarande serveringstillstånd, Restaurang Kvarnen',
      'Serveringstillstånd beviljas för servering till allmänheten.',
    ],
    // offentlighets- och sekretesslagen
    ['Begäran om utlämnande av allmän handling', 'Begäran avslås med stöd av 26 kap. 1 § OSL.'],
  ])('%s', (title, decision) => {
    expect(hasOtherAppealRoute(title, decision)).toBe(true);
  });

  it.each([
    // one negative per class: the subject is named, but the decision is under KL (or no decision on it)
    ['Information om bygglovsprocessen', 'Informationen noteras.'],
    ['Taxa för bygglov och förhandsbesked 2027', 'Taxan antas.'],
    [
      'Detaljplan för Erska 1:55, beslut om granskning',
      'Planhandlingarna godkänns och planförslaget hålls tillgängligt för granskning.',
    ],
    [
      'Detaljplan för Stadsskogen etapp 4, antagande',
      'Kommunstyrelsen föreslår kommunfullmäktige att anta detaljplanen.',
    ],
    ['Antagande av översiktsplan för Alingsås kommun', 'Planförslaget antas.'],
    ['Svar på motion om fler LSS-boenden', 'Motionen avslås.'],
    ['Begäran om avvikelse från dygnsvila inom funktionshinderområdet', 'Avvikelse medges på LSS-boenden vid resor.'],
    ['Riktlinjer för ekonomiskt bistånd enligt SoL', 'Riktlinjerna antas.'],
    [
      'Yttrande över ansökan om tillstånd enligt miljöbalken, Hjälmared 1:3',
      'Nämnden lämnar yttrande enligt förvaltningens förslag.',
    ],
    ['Information om tillsyn enligt alkohollagen', 'Informationen noteras.'],
    ['Riktlinjer för utlämnande av allmänna handlingar', 'Riktlinjerna antas.'],
    ['Ansökan om bygglov för tillbyggnad, Ingared 5:6', 'Ärendet återremitteras till förvaltningen.'],
    ['Ansökan om bygglov för tillbyggnad, Ingared 5:6', ''],
  ])('not: %s', (title, decision) => {
    expect(hasOtherAppealRoute(title, decision)).toBe(false);
  });
});

describe('otherAppealRoute on a parsed §', () => {
  const parse = (text: string) =>
    parseProtocol({
      pages: [{ number: 1, text }],
      source: { fileName: 'x.txt', sha256: 'x', pages: 1, mediaType: 'text/plain' },
    }).paragraphs;

  it('is true for a bygglov granted in the Beslut section, absent for the information §', () => {
    const [lov, info] = parse(
      [
        '§ 41 BN 2026.112',
        'Ansökan om bygglov för nybyggnad av garage, Hemsjö 2:14',
        'Ärendebeskrivning',
        'Sökanden vill bygga ett garage om 40 kvm.',
        'Beslut',
        'Bygglov beviljas.',
        '',
        '§ 42 BN 2026.120',
        'Information om bygglovsprocessen',
        'Beslut',
        'Informationen noteras.',
      ].join('\n'),
    );
    expect(lov?.otherAppealRoute).toBe(true);
    expect(info).toBeDefined();
    expect(info && 'otherAppealRoute' in info).toBe(false);
  });

  it('ignores the subject in the narrative when the decision is about something else', () => {
    const [p] = parse(
      [
        '§ 7 KS 2026.5',
        'Budget för samhällsbyggnadsnämnden',
        'Ärendebeskrivning',
        'Nämnden beviljade 212 bygglov under 2025.',
        'Beslut',
        'Budgeten antas.',
      ].join('\n'),
    );
    expect(p && 'otherAppealRoute' in p).toBe(false);
  });
});
