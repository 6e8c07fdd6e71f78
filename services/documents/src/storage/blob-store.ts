import { createHash } from 'node:crypto';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';

/** What a store answers after keeping some bytes: their SHA-256 (hex) and length. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/** An inclusive byte range, as HTTP Range speaks it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  /** Refuse (and keep nothing) once more than this many bytes have arrived. */
  maxBytes?: number;
  /** Extra checks on the bytes as they pass (content sniffing); an error aborts the put. */
  inspect?: Transform;
}

/**
 * Where document bytes live, addressed by their SHA-256: identical content is kept once, and a key is
 * never derived from anything a client sent. A put keeps nothing unless every byte arrived and passed.
 */
export interface BlobStore {
  put(source: NodeJS.ReadableStream | Buffer, options?: PutOptions): Promise<StoredBlob>;
  get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${maxBytes} bytes`);
  }
}

export class BlobNotFound extends Error {
  constructor(sha256: string) {
    super(`no blob ${sha256}`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The only way a key is made: from a well-formed hash, `ab/cd/abcd...`. */
export function blobKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('not a SHA-256 hex digest');
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Counts and hashes bytes as they stream through, failing as soon as the limit is passed. */
export class HashingCounter extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new BlobTooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads the caller's stream through a pass-through of our own: when a put fails half way, only our
 * copy is destroyed, so an HTTP request stays open long enough to be answered (413).
 */
export function toOwnStream(source: NodeJS.ReadableStream): PassThrough {
  const own = new PassThrough();
  const interrupted = () => {
    if (!own.writableEnded) own.destroy(new Error('the upload was interrupted'));
  };
  source.once('error', interrupted);
  source.once('close', interrupted);
  source.pipe(own);
  own.once('close', () => {
    source.unpipe(own);
    source.off('error', interrupted);
    source.off('close', interrupted);
  });
  return own;
}
