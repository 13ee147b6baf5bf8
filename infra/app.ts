/**
 * The cdk.json app: `npx cdk synth` / `npx cdk deploy -c municipality=… -c organisationNumber=…`.
 * The CLI synthesizes the app when this module has run (autoSynth), into cdk.out/.
 */
import { buildParagrafApp } from './paragraf-app.ts';

buildParagrafApp();
