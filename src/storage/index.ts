/** Document storage: the port and its disk adapter. */
export {
  assertKey,
  StorageMissError,
  storeThenRecord,
  type DocumentStorage,
  type StoredFile,
} from './document-storage.ts';
export { DiskStorage } from './disk-storage.ts';
