import { describeReadProblem, isReadProblem, readRegularFile, type FileIdentity, type ReadProblem } from '../util/regular-file.js';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.js';

/** A refusal the loader reports at the file: a link or special file (registry/regular-file), or a file over the size limit (yaml/limits). */
export type Refusal = Extract<ReadProblem, { problem: 'symlink' | 'notRegular' | 'tooLarge' }>;

/**
 * The content of a registry file that was not read, carrying why. It is an empty byte array, so it goes
 * wherever file content goes (the engine, review records, reviewers.yaml, the build's selection) and the
 * loader turns it into the finding at that file: whatever reads it fails closed.
 */
export class RefusedContent extends Uint8Array {
  // Copies (slice, subarray) are plain byte arrays; only the loader's input carries the refusal.
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  constructor(readonly refusal: Refusal) {
    super(0);
  }
}

/** The bytes of a registry file read as a regular file within the limit, with its identity; or its refusal. */
export function readRegistryFile(file: string, limits: LoadLimits = DEFAULT_LIMITS): { content: Uint8Array; identity?: FileIdentity } {
  const outcome = readRegularFile(file, limits.maxFileBytes);
  if (!isReadProblem(outcome)) return { content: outcome.bytes, identity: outcome.identity };
  if (outcome.problem === 'missing' || outcome.problem === 'unreadable') {
    // Listed a moment ago, or not readable by this user: a failure of the run, never a file silently skipped.
    throw new Error(`${file} ${describeReadProblem(outcome)}.`);
  }
  return { content: new RefusedContent(outcome) };
}

/**
 * A nomination, review record or reviewers.yaml, for the loader: its bytes, or a RefusedContent when it is
 * a link, not a regular file, or over the size limit. Throws only when the file is gone or not readable.
 */
export function readRegistryBytes(file: string, limits: LoadLimits = DEFAULT_LIMITS): Uint8Array {
  return readRegistryFile(file, limits).content;
}
