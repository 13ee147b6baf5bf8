/** The contact sent in the User-Agent is missing or could break the header. */
export class InvalidContactError extends Error {
  override name = 'InvalidContactError';
}

/**
 * The operator's contact for the User-Agent: an e-mail address or an http(s) URL, one line, at most 200 characters.
 * Required: a site owner who sees Paragraf in the logs must be able to reach whoever runs it.
 */
export function checkedContact(contact: string | undefined): string {
  const value = contact?.trim() ?? '';
  if (value === '')
    throw new InvalidContactError('a contact (e-mail address or URL) is required: it is sent in the User-Agent');
  // Length first: the patterns below then only ever see a short line.
  const fits = value.length <= 200 && !/[\p{Cc}]/u.test(value);
  const email = fits && /^[^@\s<>()"]+@[^@\s<>()"]+\.[^@\s<>()"]+$/u.test(value);
  const url = fits && /^https?:\/\/[^\s<>()"]+$/u.test(value);
  if (!(email || url)) {
    throw new InvalidContactError(
      `the contact must be an e-mail address or an http(s) URL on one line, got ${JSON.stringify(value.slice(0, 80))}`,
    );
  }
  return value;
}
