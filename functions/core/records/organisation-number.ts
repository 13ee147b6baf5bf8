/**
 * Organisationsnummer NNNNNN-NNNN with the third digit at least 2 (what sets it apart from a personnummer) and a Luhn
 * check digit over all ten digits (DOMAIN-FACTS "Personal data"). dataportal.se identifies publishers by it.
 */
export function isOrganisationNumber(value: string): boolean {
  if (!/^\d{2}[2-9]\d{3}-\d{4}$/u.test(value)) return false;
  const digits = value.replace('-', '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}
