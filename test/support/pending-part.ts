import { IndexPartPendingError } from '../../functions/published/read-model/lazy-index.ts';

/** The IndexPartPendingError that `read` throws (a part of a lazily opened index not in yet); fails if it throws none. */
export function pendingOf(read: () => unknown): IndexPartPendingError {
  try {
    read();
  } catch (error) {
    if (error instanceof IndexPartPendingError) return error;
    throw error;
  }
  throw new Error('expected the part to be pending');
}
