// Colour only on a terminal with NO_COLOR unset (in-process: a child's stdout is never a TTY).

import { describe, expect, it } from 'vitest';
import { formatPodSecurity } from '../../src/cli/commands/pss.ts';
import { styleFor, useColor } from '../../src/cli/style.ts';

describe('colour', () => {
  it('is on for a terminal only, and off whenever NO_COLOR is set', () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(undefined, {})).toBe(false);
    // no-color.org: an empty NO_COLOR does not count as set.
    expect(useColor(true, { NO_COLOR: '' })).toBe(true);
  });

  it('wraps verdicts in ANSI codes only when asked', () => {
    const report = {
      level: 'baseline' as const,
      pods: [
        {
          object: 'Pod default/web',
          location: { file: 'web.yaml', line: 1, column: 1 },
          allowed: true,
          violations: [],
        },
      ],
      diagnostics: [],
    };
    expect(formatPodSecurity(report, styleFor(false))).not.toContain('\u001b[');
    expect(formatPodSecurity(report, styleFor(true))).toContain('\u001b[32mallowed\u001b[39m');
  });
});
