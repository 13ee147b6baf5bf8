import { randomBytes } from 'node:crypto';

/** 16 random bytes as 32 lower-case hex digits: a name nobody can guess or choose (upload folders). */
export function randomId(): string {
  return randomBytes(16).toString('hex');
}
