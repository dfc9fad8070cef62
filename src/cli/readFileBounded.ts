import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isatty } from 'node:tty';
import { fileLimitAdvice, inputLimits, megabytes } from './limits.ts';

// Reading a file only once it is known to be a regular file of bounded size: a link to
// /dev/zero or a FIFO in a scanned folder must give a clear error, not hang or fill memory.

export class ReadProblem extends Error {}

/** The text of a regular file of at most `inputLimits.maxFileBytes`. */
export function readRegularFile(path: string): string {
  // Checked by path first, so that opening a device or a FIFO is never attempted ...
  refuseUnlessRegular(statSync(path));
  // ... and again on the open file, which may have been swapped in between.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    refuseUnlessRegular(stats);
    const buffer = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    // Never more than the size checked: a file that grows meanwhile is read to that size.
    while (filled < stats.size) {
      const n = readSync(fd, buffer, filled, stats.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return buffer.toString('utf8', 0, filled);
  } finally {
    closeSync(fd);
  }
}

function refuseUnlessRegular(stats: Stats): void {
  if (!stats.isFile())
    throw new ReadProblem(`not a regular file (${kindOf(stats)}): mut reads only files`);
  refuseTooLarge(stats.size);
}

export function refuseTooLarge(size: number): void {
  if (size > inputLimits.maxFileBytes)
    throw new ReadProblem(
      `the file is ${megabytes(size)}; mut reads files up to ${megabytes(inputLimits.maxFileBytes)} (its file size limit): ${fileLimitAdvice}`,
    );
}

export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/**
 * Standard input, to the same size limit: a file redirected in is read like any file, a pipe
 * or a terminal chunk by chunk until the limit, a device (`< /dev/zero`) is refused.
 */
export function readStdinBounded(fd = 0): string {
  const stats = fstatSync(fd);
  if (stats.isFile()) {
    refuseTooLarge(stats.size);
  } else if (!stats.isFIFO() && !stats.isSocket() && !(stats.isCharacterDevice() && isatty(fd))) {
    throw new ReadProblem(`standard input is ${kindOf(stats)}, not a file or a pipe`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      // A non-blocking pipe with nothing yet: wait a little and read again.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > inputLimits.maxFileBytes)
      throw new ReadProblem(
        `more than ${megabytes(inputLimits.maxFileBytes)} on standard input; mut reads up to ${megabytes(inputLimits.maxFileBytes)} per input (its file size limit): ${fileLimitAdvice}`,
      );
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

const pause = new Int32Array(new SharedArrayBuffer(4));
