import type { SourceProvenance } from '../core/records/types.ts';

/**
 * Uploads that bypass the server: a short-lived URL the browser PUTs one file to, straight into the inbox (on AWS the
 * source bucket's inbox/, whose every new object starts ingest). The caller chooses where the file lands and how
 * large it is; the URL is good for exactly that key, that size and that media type, with the provenance attached.
 */
export interface UploadUrlSigner {
  sign(request: UploadUrlRequest): Promise<SignedUpload>;
}

export interface UploadUrlRequest {
  /** Path below inbox/, chosen by the server (never taken from the browser). */
  path: string;
  /** Exact size in bytes; the URL accepts no other. */
  size: number;
  mediaType: string;
  provenance: SourceProvenance;
}

export interface SignedUpload {
  method: 'PUT';
  url: string;
  /** Headers the browser must send with the PUT (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: string;
}
