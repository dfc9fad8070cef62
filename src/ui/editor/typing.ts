// Presenter mode types the reference solution into the editor, visibly: only the part that
// differs is replaced, one character at a time, so a room sees the fix land where it belongs.

export interface TypingPlan {
  /** Offset in the current text where the change starts. */
  start: number;
  /** How many characters of the current text are removed from `start`. */
  remove: number;
  /** What is typed at `start`, in order. */
  insert: string;
}

/** The smallest single replacement turning `from` into `to` (common prefix and suffix kept). */
export function typingPlan(from: string, to: string): TypingPlan | null {
  if (from === to) return null;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from[start] === to[start]) start++;
  let end = 0;
  while (end < max - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  return {
    start,
    remove: from.length - start - end,
    insert: to.slice(start, to.length - end),
  };
}

/** Milliseconds per typed character: slow enough to follow on a projector, fixed for replays. */
export const typingCharMs = 55;
