/**
 * Runs `fn` once the browser has had a chance to paint what is on the page now (a frame, then
 * a task), or after `fallbackMs` in a tab that draws no frames (hidden). Returns a cancel.
 * For heavy work that must not hold back a small, more important update (the MUT before the
 * map's layout).
 */
export function afterPaint(fn: () => void, fallbackMs = 100): () => void {
  let done = false;
  let task: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (done) return;
    done = true;
    cancel();
    fn();
  };
  const frame = requestAnimationFrame(() => {
    task = setTimeout(run, 0);
  });
  const fallback = setTimeout(run, fallbackMs);
  function cancel() {
    cancelAnimationFrame(frame);
    clearTimeout(task);
    clearTimeout(fallback);
  }
  return () => {
    done = true;
    cancel();
  };
}
