// What the API server writes for its own bookkeeping (`metadata.managedFields`, `status`) is
// most of a cluster dump's objects and none of the analysis: it is let go once an object's
// types have checked, and everything said about the object stays as it was.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { clearParseCache, parseFiles } from '../../src/engine/manifests/parseFiles.ts';

const managedFields = `      managedFields:
        - apiVersion: v1
          fieldsType: FieldsV1
          fieldsV1:
            f:spec:
              f:containers: {}
          manager: kubectl-client-side-apply
          operation: Update
          time: '2026-11-01T10:00:00Z'`;

/** A `kubectl get -o yaml` List with one privileged pod, bookkeeping as the server writes it. */
const dump = (fields = managedFields) => `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      creationTimestamp: '2026-11-01T10:00:00Z'
${fields}
      name: web
      namespace: app
    spec:
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
    status:
      phase: Running
      containerStatuses:
        - name: app
          ready: true
          restartCount: 0
`;

const read = (text: string, typeErrors = true) => {
  clearParseCache();
  return readObjects(parseFiles([{ path: 'dump.yaml', text }]).documents, { typeErrors });
};

describe('the server’s bookkeeping in a dump', () => {
  it('is let go once the object’s types have checked', () => {
    const { objects, diagnostics } = read(dump());
    expect(diagnostics).toEqual([]);
    const raw = objects[0]!.raw as { metadata: object };
    expect(raw).not.toHaveProperty('status');
    expect(raw.metadata).not.toHaveProperty('managedFields');
    expect(raw.metadata).toMatchObject({ name: 'web', namespace: 'app' });
  });

  it('leaves every finding at the line the file has it', () => {
    const text = dump();
    const privilegedLine = text.split('\n').findIndex((l) => l.includes('privileged: true')) + 1;
    const result = analyze([{ path: 'dump.yaml', text }]);
    const privileged = result.findings.filter((f) => f.location.line === privilegedLine);
    expect(privileged.length).toBeGreaterThan(0);
    expect(privileged.every((f) => f.location.file === 'dump.yaml')).toBe(true);
  });

  it('of the wrong type is said, and said again when the cached document is read again', () => {
    const text = dump('      managedFields: "by hand"');
    const wrong = (r: { diagnostics: { severity: string; message: string }[] }) =>
      r.diagnostics.filter((d) => d.severity === 'error' && /managedFields/.test(d.message));
    clearParseCache();
    const first = analyze([{ path: 'dump.yaml', text }]);
    expect(wrong(first)).toHaveLength(1);
    // An edit to another file: this one comes from the parse cache, its objects read again.
    const second = analyze([
      { path: 'dump.yaml', text },
      { path: 'other.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n' },
    ]);
    expect(wrong(second)).toHaveLength(1);
  });

  it('is kept by a reading that does not check types, so a later analysis still checks it', () => {
    const text = dump('      managedFields: "by hand"');
    clearParseCache();
    const documents = parseFiles([{ path: 'dump.yaml', text }]).documents;
    readObjects(documents, { typeErrors: false });
    const errors = readObjects(documents).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.message).join('\n')).toMatch(/managedFields/);
  });
});
