/**
 * The harvest Lambda: an EventBridge schedule per source → here, with the source definition as the event. Settings
 * and clients are made once per cold start; the wiring lives in support/harvest-handler.ts so tests drive it against
 * fake portals and s3rver. Environment: see support/harvest-config.ts.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { readHarvestConfig } from './support/harvest-config.ts';
import { createHarvestHandler } from './support/harvest-handler.ts';

export const handler = createHarvestHandler(readHarvestConfig(process.env), { s3: new S3Client({}) });
