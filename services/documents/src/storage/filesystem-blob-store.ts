import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobNotFound,
  type BlobStore,
  type ByteRange,
  HashingCounter,
  type PutOptions,
  type StoredBlob,
  blobKey,
  toOwnStream,
} from './blob-store.js';

const TEMP_DIR = 'tmp';

/**
 * Blobs as files under `root/ab/cd/<sha256>`. Bytes are first written to `root/tmp/` (the same file
 * system, so the final rename is atomic), synced, then renamed: a crash leaves at most a temp file,
 * never a half blob under its hash. Identical content lands on the same name and is kept once.
 */
export class FilesystemBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, ...blobKey(sha256).split('/'));
  }

  async put(source: NodeJS.ReadableStream | Buffer, options: PutOptions = {}): Promise<StoredBlob> {
    const tempDir = path.join(this.root, TEMP_DIR);
    await fs.mkdir(tempDir, { recursive: true });
    const temp = path.join(tempDir, `${randomUUID()}.part`);
    const counter = new HashingCounter(options.maxBytes);
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : toOwnStream(source);
    try {
      const stages: NodeJS.ReadWriteStream[] = [counter];
      if (options.inspect) stages.push(options.inspect);
      await pipeline(input, ...(stages as [HashingCounter]), createWriteStream(temp, { flags: 'wx' }));
      const sha256 = counter.digest();
      const target = this.pathOf(sha256);
      await syncFile(temp);
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (await exists(target)) await fs.rm(temp, { force: true });
      else await fs.rename(temp, target);
      return { sha256, size: counter.size };
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw e;
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const file = this.pathOf(sha256);
    if (!(await exists(file))) throw new BlobNotFound(sha256);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }

  /** Removes temp files a crash left behind (older than `olderThanMs`). */
  async sweepTemp(olderThanMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
    const dir = path.join(this.root, TEMP_DIR);
    let removed = 0;
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && now - stat.mtimeMs > olderThanMs) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
