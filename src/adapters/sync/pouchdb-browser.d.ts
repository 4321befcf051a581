// The small part of PouchDB's API this project uses (pouchdb-browser ships no types; the
// @types/pouchdb-* family would add a dozen packages for these few calls).
declare module 'pouchdb-browser' {
  interface Doc {
    _id: string;
    _rev?: string;
    [key: string]: unknown;
  }
  interface Replication {
    on(event: 'change', cb: (info: { docs: Doc[] }) => void): Replication;
    on(event: 'paused' | 'denied' | 'error', cb: (err: unknown) => void): Replication;
    on(event: 'active' | 'complete', cb: () => void): Replication;
    cancel(): void;
  }
  interface ReplicateOptions {
    live?: boolean;
    retry?: boolean;
    back_off_function?: (delay: number) => number;
    batch_size?: number;
  }
  class PouchDB {
    constructor(name: string, options?: { auth?: { username: string; password: string }; skip_setup?: boolean });
    put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
    get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<Doc>;
    getAttachment(id: string, name: string, options?: { rev?: string }): Promise<Blob>;
    allDocs(options?: { keys?: string[] }): Promise<{ total_rows: number; rows: { id: string; key: string; value: { rev: string } }[] }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
    static replicate(source: PouchDB, target: PouchDB, options?: ReplicateOptions): Replication;
  }
  export default PouchDB;
}
