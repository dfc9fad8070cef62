import { describe, expect, it } from 'vitest';
import { firstPageFiles, type Manifest } from '../../scripts/report-size';

describe('firstPageFiles', () => {
  it('follows static imports from the entry and leaves lazy chunks out', () => {
    const manifest: Manifest = {
      'index.html': {
        file: 'assets/index.js',
        isEntry: true,
        imports: ['_shared.js'],
        dynamicImports: ['src/ui/editor/monaco.ts'],
      },
      '_shared.js': { file: 'assets/shared.js', imports: ['index.html'] },
      'src/ui/editor/monaco.ts': { file: 'assets/monaco.js', imports: ['_shared.js'] },
      'style.css': { file: 'assets/index.css' },
    };
    expect(firstPageFiles(manifest)).toEqual(['assets/index.js', 'assets/shared.js']);
  });

  it('names a chunk the manifest lacks', () => {
    const manifest: Manifest = { a: { file: 'a.js', isEntry: true, imports: ['missing'] } };
    expect(() => firstPageFiles(manifest)).toThrow(/missing/);
  });
});
