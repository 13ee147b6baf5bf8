/**
 * The bodies of a synthetic municipality: names as printed in Swedish protocols, how often they meet, how many
 * members vote, the abbreviation in their case numbers (Alingsås style "2026.016 KS") and how many § a meeting has.
 * Every municipality has a council (kommunfullmäktige) and an executive board (kommunstyrelsen, KL 6 kap. 1 §); the
 * committees vary. Socialnämnden is a review-first body: the privacy gate holds all its §.
 */
export interface BodyDef {
  name: string;
  abbreviation: string;
  meetingsPerYear: number;
  /** Members with a vote (the size of a named roll). */
  members: [number, number];
  /** § per meeting, min–max. */
  paragraphs: [number, number];
  /** Share of § with a vote (votering) and with a reservation. */
  voteRate: number;
  reservationRate: number;
  /** Recurring § at the start and end of every meeting of this body. */
  opening: string[];
  closing: string[];
}

const STANDARD_CLOSING = ['Redovisning av delegationsbeslut', 'Meddelanden'];

export const COUNCIL: BodyDef = {
  name: 'Kommunfullmäktige',
  abbreviation: 'KF',
  meetingsPerYear: 10,
  members: [31, 61],
  paragraphs: [12, 26],
  voteRate: 0.09,
  reservationRate: 0.12,
  opening: ['Val av justerare', 'Allmänhetens frågestund'],
  closing: ['Anmälan av inkomna motioner', 'Anmälan av inkomna interpellationer och frågor'],
};

export const EXECUTIVE_BOARD: BodyDef = {
  name: 'Kommunstyrelsen',
  abbreviation: 'KS',
  meetingsPerYear: 11,
  members: [11, 15],
  paragraphs: [12, 22],
  voteRate: 0.05,
  reservationRate: 0.1,
  opening: ['Information och överläggningar'],
  closing: STANDARD_CLOSING,
};

export const COMMITTEES: readonly BodyDef[] = [
  committee('Kommunstyrelsens arbetsutskott', 'KSAU', 18, [5, 7], [8, 14]),
  committee('Barn- och ungdomsnämnden', 'BUN', 10, [9, 13], [8, 14]),
  committee('Socialnämnden', 'SN', 11, [9, 11], [6, 12]),
  committee('Tekniska nämnden', 'TEN', 9, [9, 11], [7, 12]),
  committee('Miljö- och byggnadsnämnden', 'MBN', 11, [9, 11], [10, 20]),
  committee('Kultur- och fritidsnämnden', 'KFN', 8, [7, 11], [7, 12]),
  committee('Utbildningsnämnden', 'UN', 9, [9, 13], [8, 13]),
  committee('Vård- och omsorgsnämnden', 'VON', 10, [9, 11], [8, 13]),
  committee('Samhällsbyggnadsnämnden', 'SBN', 11, [9, 11], [10, 18]),
  committee('Valnämnden', 'VN', 4, [5, 7], [4, 7]),
];

function committee(
  name: string,
  abbreviation: string,
  meetingsPerYear: number,
  members: [number, number],
  paragraphs: [number, number],
): BodyDef {
  return {
    name,
    abbreviation,
    meetingsPerYear,
    members,
    paragraphs,
    voteRate: 0.03,
    reservationRate: 0.06,
    opening: ['Information och överläggningar'],
    closing: STANDARD_CLOSING,
  };
}
