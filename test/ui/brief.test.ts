import { describe, expect, it } from 'vitest';
import { withoutLeadingTitle } from '../../src/ui/state/brief';

describe('withoutLeadingTitle', () => {
  it('drops a first heading that repeats the stage title', () => {
    expect(
      withoutLeadingTitle('# Close the anonymous door\n\nTeam A…', 'Close the anonymous door'),
    ).toBe('\nTeam A…');
    expect(
      withoutLeadingTitle('## close  the Anonymous door ##\nx', 'Close the anonymous door'),
    ).toBe('x');
  });

  it('keeps a brief whose first heading says something else, or has none', () => {
    expect(withoutLeadingTitle('# Background\n\nx', 'Close the door')).toBe('# Background\n\nx');
    expect(withoutLeadingTitle('Plain text', 'Plain text')).toBe('Plain text');
  });
});
