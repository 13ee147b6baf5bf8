/**
 * The site's settings, kept with the store (`settings/site.json`) so that every publish (CLI, admin page, Lambda)
 * uses the same base URL and publisher, and no command silently replaces them with a default. Changing one takes
 * effect at the next publish, which the admin page runs at once: the publisher rewrites exactly the metadata that
 * depends on them (catalog.rdf, datapackage.json) and, for a new base URL, every permalink.
 */
import { isOrganisationNumber } from '../../core/records/organisation-number.ts';
import { isHttpUrl } from '../../core/records/provenance.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { putJson } from '../../store/json.ts';
import { SITE_SETTINGS_KEY } from '../../store/keys.ts';

export interface SiteSettings {
  schemaVersion: 1;
  /** The public site URL, without a trailing slash. */
  baseUrl?: string;
  publisher: { name?: string; organisationNumber?: string; contactEmail?: string };
  /** Who changed them last, and when. */
  changedBy?: string;
  changedAt?: string;
}

export const EMPTY_SETTINGS: SiteSettings = { schemaVersion: 1, publisher: {} };

export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

export async function readSiteSettings(store: BlobStore): Promise<SiteSettings> {
  const value = (await readJson(store, SITE_SETTINGS_KEY)) as SiteSettings | null;
  return value?.schemaVersion === 1
    ? { ...EMPTY_SETTINGS, ...value, publisher: { ...value.publisher } }
    : EMPTY_SETTINGS;
}

export interface SettingsInput {
  baseUrl?: string;
  publisherName?: string;
  organisationNumber?: string;
  contactEmail?: string;
}

/** Checks and stores the settings (blank fields are removed); InvalidSettingsError lists every problem. */
export async function writeSiteSettings(
  store: BlobStore,
  input: SettingsInput,
  who: { by: string; at: Date },
): Promise<SiteSettings> {
  const t = (v: string | undefined) => (v ?? '').trim();
  const baseUrl = t(input.baseUrl).replace(/\/+$/u, '');
  const name = t(input.publisherName);
  const org = t(input.organisationNumber);
  const email = t(input.contactEmail);
  const problems: string[] = [];
  if (baseUrl !== '' && !isHttpUrl(baseUrl)) problems.push('webbplatsens adress måste vara en http(s)-adress');
  if (org !== '' && !isOrganisationNumber(org))
    problems.push('organisationsnumret måste vara ett giltigt nummer NNNNNN-NNNN');
  if (email !== '' && !/^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[a-z]{2,}$/iu.test(email))
    problems.push('e-postadressen ser inte ut som en e-postadress');
  if (name.length > 200) problems.push('utgivarens namn får vara högst 200 tecken');
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  const settings: SiteSettings = {
    schemaVersion: 1,
    ...(baseUrl ? { baseUrl } : {}),
    publisher: {
      ...(name ? { name } : {}),
      ...(org ? { organisationNumber: org } : {}),
      ...(email ? { contactEmail: email } : {}),
    },
    changedBy: who.by,
    changedAt: who.at.toISOString(),
  };
  await putJson(store, SITE_SETTINGS_KEY, settings);
  return settings;
}
