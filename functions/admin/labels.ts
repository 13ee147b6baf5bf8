/** Swedish words for the pipeline's codes, for the admin pages. An unknown code is shown as it is. */
const HOLD_REASONS: Record<string, string> = {
  'personal-number': 'personnummer eller samordningsnummer',
  'review-first-body': 'nämnd vars paragrafer granskas först',
  'individual-case': 'enskilt ärende (SoL, LSS, LVU …)',
  'low-ocr-confidence': 'osäker textigenkänning (OCR)',
};

const STATES: Record<string, string> = {
  held: 'väntar på granskning',
  released: 'frisläppt',
  rejected: 'avvisad',
  withdrawn: 'återkallad',
  'changed-since-release': 'ändrad sedan frisläppning',
};

const OUTCOMES: Record<string, string> = {
  ingested: 'inläst',
  replaced: 'inläst som rättad version',
  unchanged: 'redan inläst (oförändrad)',
  quarantined: 'i karantän',
};

const CHANGES: Record<string, string> = {
  ingested: 'inläst',
  replaced: 'rättad version inläst',
  reviewed: 'granskningsbeslut',
  notice: 'anslagsdag ändrad',
};

export function changeLabel(code: string): string {
  return CHANGES[code] ?? code;
}

export function holdReason(code: string): string {
  return HOLD_REASONS[code] ?? code;
}

export function reviewState(code: string): string {
  return STATES[code] ?? code;
}

export function outcomeLabel(code: string): string {
  return OUTCOMES[code] ?? code;
}
