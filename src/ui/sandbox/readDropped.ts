// Files brought into "Your cluster" by drop or by the file pickers, folders included: a
// dropped folder is walked with the File and Directory Entries API (webkitGetAsEntry), a
// picked one comes with webkitRelativePath. Only manifests are read: .yaml, .yml, .json.

export interface PickedFile {
  /** Relative to what was dropped or picked, with `/`. */
  path: string;
  text: string;
}

export interface Picked {
  files: PickedFile[];
  /** Files passed over and why, said on the page. */
  skipped: string[];
}

const isManifest = (name: string) => /\.(ya?ml|json)$/i.test(name);
/** A folder of a whole repository may hold thousands of files: enough for a cluster. */
export const maxFiles = 2000;

async function readFile(file: File, path: string, out: Picked): Promise<void> {
  if (!isManifest(file.name)) {
    out.skipped.push(`${path} (not .yaml, .yml or .json)`);
    return;
  }
  if (out.files.length >= maxFiles) {
    out.skipped.push(`${path} (more than ${maxFiles} files)`);
    return;
  }
  out.files.push({ path, text: await file.text() });
}

function entriesOf(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most 100 entries per call: read until it returns none.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, path: string, out: Picked): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    await readFile(file, path, out);
  } else if (entry.isDirectory) {
    const children = await entriesOf((entry as FileSystemDirectoryEntry).createReader());
    children.sort((a, b) => a.name.localeCompare(b.name));
    for (const child of children) await walk(child, `${path}/${child.name}`, out);
  }
}

/** What a drop holds, folders walked. */
export async function readDataTransfer(data: DataTransfer): Promise<Picked> {
  const out: Picked = { files: [], skipped: [] };
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  for (const { entry, file } of entries) {
    if (entry) await walk(entry, entry.name, out);
    else if (file) await readFile(file, file.name, out);
  }
  return out;
}

/** What a file input holds (a folder picker gives each file its relative path). */
export async function readFileList(list: FileList | readonly File[]): Promise<Picked> {
  const out: Picked = { files: [], skipped: [] };
  const files = [...list].sort((a, b) =>
    (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name),
  );
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    if (path.split('/').some((part) => part.startsWith('.'))) continue;
    await readFile(file, path, out);
  }
  return out;
}
