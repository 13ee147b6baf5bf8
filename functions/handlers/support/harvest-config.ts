import { checkedContact, InvalidContactError } from '../../core/harvest/contact.ts';
import { type Env, envReader } from './env.ts';

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

export function readHarvestConfig(env: Env): HarvestConfig {
  const read = envReader(env, (message) => new HarvestConfigError(message));
  const dataBucket = read.required('DATA_BUCKET');
  const sourceBucket = read.required('SOURCE_BUCKET');
  let contact: string;
  try {
    contact = checkedContact(read.required('HARVEST_CONTACT'));
  } catch (error) {
    if (error instanceof InvalidContactError)
      throw new HarvestConfigError(`HARVEST_CONTACT: ${error.message}`, { cause: error });
    throw error;
  }
  const timeReserveMs = read.wholeNumber('HARVEST_TIME_RESERVE_MS') ?? DEFAULT_TIME_RESERVE_MS;
  return { dataBucket, sourceBucket, contact, timeReserveMs };
}
