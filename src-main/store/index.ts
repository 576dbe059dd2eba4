/** The local study store: open it with openStore(); see Store.ts for the API. */
export { openStore, DB_FILE_NAME, type OpenStoreOptions } from './openStore';
export type {
  AuditAppend,
  AuditLog,
  IngestItem,
  IngestResult,
  ListStudiesQuery,
  Store,
  StoredFile,
  StudySort,
} from './Store';
export { SchemaVersionError, LATEST_SCHEMA_VERSION } from './migrations';
export { StoreError } from './storeErrors';
export { GENESIS_HASH } from './auditLog';
export { ReviewStateError, type FindingChange, type NewFinding, type ReviewRepository } from './reviewRepository';
