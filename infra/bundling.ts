/**
 * The one definition of how a handler is bundled. The stack (NodejsFunction, local esbuild, no Docker) and
 * bench/cold-start.ts (esbuild's API) both derive their options from BUNDLE, so the bench measures exactly what
 * is deployed.
 */
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Must match the Lambda runtime chosen in paragraf-function.ts (Node.js 24). */
export const BUNDLE_TARGET = 'node24';

/**
 * ESM output (index.mjs). Some dependencies are CommonJS and call `require` for Node built-ins; an ES module has no
 * `require`, so the bundle starts by creating one. The alias avoids clashing with names inside the bundle.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __paragrafCreateRequire } from 'node:module'; " +
  'const require = __paragrafCreateRequire(import.meta.url);';

/**
 * Set as NODE_OPTIONS on every function: stack traces in the logs point into the TypeScript sources through the
 * shipped index.mjs.map. Node reads the map lazily, so the cold start does not pay for it (bench/cold-start.ts
 * measures with the same option).
 */
export const RUNTIME_NODE_OPTIONS = '--enable-source-maps';

export interface BundleSettings {
  readonly target: string;
  readonly minify: boolean;
  /** Written beside the bundle (index.mjs.map), without the sources' text, for RUNTIME_NODE_OPTIONS. */
  readonly sourcemap: boolean;
  readonly sourcesContent: boolean;
  /** Prefer ESM entry points so esbuild can drop unused exports. */
  readonly mainFields: readonly string[];
  /**
   * The AWS SDK is bundled, so the deployed SDK version is the one tested (measured: importing the bundled S3 client
   * is also faster than resolving the runtime's copy). The exception is the credential sources a Lambda function
   * never uses: in Lambda the credentials are in the environment (fromEnv), and the default chain reaches the SSO,
   * ini-file, process, web-identity, container and instance-metadata providers only through dynamic `import()`s
   * when that fails. Left external, those resolve to the Lambda runtime's own SDK v3 if ever needed; bundled, they
   * cost ~130 KB (nested STS/SSO clients) in every function.
   */
  readonly external: readonly string[];
  readonly banner: string;
  /**
   * Non-ASCII text (the Swedish pages, field descriptions and municipality names) is written as UTF-8 instead of
   * \u escapes: Node reads modules as UTF-8, and an å costs two bytes instead of six.
   */
  readonly charset: 'utf8';
}

export const BUNDLE: BundleSettings = {
  target: BUNDLE_TARGET,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/credential-provider-login',
    '@aws-sdk/nested-clients',
    '@aws-sdk/token-providers',
    '@smithy/credential-provider-imds',
  ],
  banner: ESM_REQUIRE_BANNER,
  charset: 'utf8',
};

/** The same settings in NodejsFunction's vocabulary. */
export function cdkBundling(settings: BundleSettings = BUNDLE): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: settings.target,
    minify: settings.minify,
    sourceMap: settings.sourcemap,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    externalModules: [...settings.external],
    banner: settings.banner,
    // Passed as an argument: this CDK version types `charset` but does not hand it to esbuild.
    esbuildArgs: { '--charset': settings.charset },
    // Bundling runs the esbuild devDependency on this machine; falling back to Docker would need a network.
    forceDockerBundling: false,
  };
}

/**
 * The same settings in esbuild's API vocabulary (a structural subset of esbuild's BuildOptions, so this module
 * does not import esbuild at synth time). NodejsFunction also passes --bundle and --platform=node.
 */
export function esbuildOptions(entry: string, outfile: string, settings: BundleSettings = BUNDLE) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: settings.target,
    minify: settings.minify,
    sourcemap: settings.sourcemap,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    external: [...settings.external],
    banner: { js: settings.banner },
    charset: settings.charset,
    logLevel: 'warning' as const,
  };
}
