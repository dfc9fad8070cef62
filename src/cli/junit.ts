import type { GoalResult } from '../engine/index.ts';

/** Whether the goal meets the minimum (its proved bound when not exact), as the gate reads it. */
function passesMin(goal: GoalResult, min: number): boolean {
  if (goal.mut === null) return true;
  return (goal.exact ? goal.mut : goal.lowerBound) >= min;
}

// JUnit XML for `mut check --format junit`: one test case per goal, failed when its MUT is
// below the minimum. CI systems without SARIF support (GitLab, Jenkins) show these.

export function junitXml(
  goals: readonly { goal: GoalResult; passes: boolean; detail: string }[],
  min: number,
  context: { baseline: string; maxDrop?: number },
): string {
  const failures = goals.filter((g) => !g.passes).length;
  const cases = goals.map(({ goal, passes, detail }) => {
    const name = `${goal.title}: MUT ${goal.mut ?? 'unreachable'} (minimum ${min})`;
    const open = `    <testcase classname="mut.check" name="${xml(name)}">`;
    if (passes) return `${open}</testcase>`;
    return `${open}\n      <failure message="${xml(passesMin(goal, min) ? 'MUT lowered by the input' : `MUT below ${min}`)}">${xml(detail)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mut check" tests="${goals.length}" failures="${failures}">`,
    `  <testsuite name="${xml(suiteName(min, context))}" tests="${goals.length}" failures="${failures}">`,
    '    <properties>',
    `      <property name="baseline" value="${xml(context.baseline)}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function suiteName(min: number, context: { baseline: string; maxDrop?: number }): string {
  const drop = context.maxDrop === undefined ? '' : ` --max-drop ${context.maxDrop}`;
  return `mut check --min ${min}${drop} --baseline ${context.baseline}`;
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
