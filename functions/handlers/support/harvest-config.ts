import { checkedContact, InvalidContactError } from '../../core/harvest/contact.ts';

/**
 * The harvest Lambda's settings, read once per cold start from its environment (set by the CDK stack).
 *  DATA_BUCKET (required)      the store: the harvest state lives at harvest/<source>/state.json
 *  SOURCE_BUCKET (required)    harvested files go to its inbox/harvest/…, where uploads go
 *  HARVEST_CONTACT (required)  e-mail address or URL of whoever runs the deployment, sent in the User-Agent
 *  HARVEST_TIME_RESERVE_MS     stop starting new meetings when less time than this remains (default 90000): the
 *                              state is saved and the next scheduled run continues
 */
export interface HarvestConfig {
  dataBucket: string;
  sourceBucket: string;
  contact: string;
  timeReserveMs: number;
}

export const DEFAULT_TIME_RESERVE_MS = 90_000;

export class HarvestConfigError extends Error {
  override name = 'HarvestConfigError';
}

export function readHarvestConfig(env: Record<string, string | undefined>): HarvestConfig {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new HarvestConfigError(`environment variable ${name} is required`);
    return value;
  };
  let contact: string;
  try {
    contact = checkedContact(required('HARVEST_CONTACT'));
  } catch (error) {
    if (error instanceof InvalidContactError) throw new HarvestConfigError(`HARVEST_CONTACT: ${error.message}`, { cause: error });
    throw error;
  }
  const reserve = env['HARVEST_TIME_RESERVE_MS']?.trim();
  const timeReserveMs = reserve ? Number(reserve) : DEFAULT_TIME_RESERVE_MS;
  if (!Number.isSafeInteger(timeReserveMs) || timeReserveMs < 0) {
    throw new HarvestConfigError(`HARVEST_TIME_RESERVE_MS must be a whole number of milliseconds, got ${JSON.stringify(reserve)}`);
  }
  return { dataBucket: required('DATA_BUCKET'), sourceBucket: required('SOURCE_BUCKET'), contact, timeReserveMs };
}
