import { describe, expect, it } from 'vitest';
import { typingPlan } from '../../src/ui/editor/typing';

const apply = (text: string, plan: ReturnType<typeof typingPlan>) =>
  plan ? text.slice(0, plan.start) + plan.insert + text.slice(plan.start + plan.remove) : text;

describe('typingPlan', () => {
  it('replaces only the part that differs', () => {
    const before = '- --anonymous-auth=true\n- --secure-port=6443\n';
    const after = '- --anonymous-auth=false\n- --secure-port=6443\n';
    const plan = typingPlan(before, after);
    expect(plan).toEqual({ start: 19, remove: 3, insert: 'fals' });
    expect(apply(before, plan)).toBe(after);
  });

  it('handles pure insertions, pure deletions and no change', () => {
    expect(typingPlan('ab', 'ab')).toBeNull();
    expect(apply('abc', typingPlan('abc', 'abXc'))).toBe('abXc');
    expect(apply('abXXc', typingPlan('abXXc', 'abc'))).toBe('abc');
    expect(apply('', typingPlan('', 'all new'))).toBe('all new');
    expect(apply('aaa', typingPlan('aaa', 'aaaa'))).toBe('aaaa');
  });
});
