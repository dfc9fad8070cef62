import type { GoalResult } from '../engine/index.ts';

// JUnit XML for `mut check --format junit`: one test case per goal, failed when its MUT is
// below the minimum. CI systems without SARIF support (GitLab, Jenkins) show these.

export function junitXml(
  goals: readonly { goal: GoalResult; passes: boolean; detail: string }[],
  min: number,
): string {
  const failures = goals.filter((g) => !g.passes).length;
  const cases = goals.map(({ goal, passes, detail }) => {
    const name = `${goal.title}: MUT ${goal.mut ?? 'unreachable'} (minimum ${min})`;
    const open = `    <testcase classname="mut.check" name="${xml(name)}">`;
    if (passes) return `${open}</testcase>`;
    return `${open}\n      <failure message="${xml(`MUT below ${min}`)}">${xml(detail)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mut check" tests="${goals.length}" failures="${failures}">`,
    `  <testsuite name="mut check --min ${min}" tests="${goals.length}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Text as XML content or attribute value; characters XML 1.0 cannot hold become U+FFFD. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the characters XML allows, by code point
      .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
