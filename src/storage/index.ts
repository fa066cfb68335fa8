/** Document storage: the port and its disk adapter. */
export { assertKey, StorageMissError, type DocumentStorage } from './document-storage.ts';
export { DiskStorage } from './disk-storage.ts';
