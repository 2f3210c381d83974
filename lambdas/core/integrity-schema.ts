import { ifHas, object, oneOf, str, type Schema } from './params';
import type { RecordIntegrity } from './record';

/** A record's `integrity` as read back (from the state table's applied item, or from the log by verify-records). */
export const integritySchema: Schema<RecordIntegrity> = ifHas(
  'unsigned',
  object({ unsigned: str() }),
  object({ alg: oneOf('HMAC_SHA_256'), keyId: str(), mac: str() }),
);
