// Saves data made in the page as a file: nothing leaves the browser, the file is written by
// the browser's own download.
export function download(name: string, data: Blob | string, type = 'text/plain'): void {
  const blob =
    typeof data === 'string' ? new Blob([data], { type: `${type};charset=utf-8` }) : data;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: a click starts the download, it does not finish it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `Count the mistakes: stage 1` → `count-the-mistakes-stage-1`. */
export function fileStem(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'mut-lab'
  );
}
