/** Where a case's events are: the span the overview draws, with stray periods left out as outliers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mainDays, type DayCount } from '../../../shared/api/activity.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const days = (from: string, count: number, n: number): DayCount[] => Array.from({ length: count }, (_, i) => ({ day: day(from) + i, n }));

test('two tiny files from other years do not stretch the span', () => {
  const incident = days('2025-02-24', 21, 200);
  const span = mainDays([{ day: day('2020-06-01'), n: 3 }, ...incident, { day: day('2025-11-20'), n: 2 }]);
  assert.deepEqual(span, { firstDay: day('2025-02-24'), lastDay: day('2025-03-16') });
});

test('quiet stretches shorter than 30 days stay inside one period, small days included', () => {
  const span = mainDays([...days('2025-01-01', 3, 100), { day: day('2025-01-20'), n: 1 }, ...days('2025-02-10', 2, 100)]);
  assert.deepEqual(span, { firstDay: day('2025-01-01'), lastDay: day('2025-02-11') });
});

test('two large periods far apart are both drawn, with what lies between them', () => {
  const span = mainDays([...days('2024-01-01', 5, 100), { day: day('2024-06-01'), n: 1 }, ...days('2025-01-01', 5, 100)]);
  assert.deepEqual(span, { firstDay: day('2024-01-01'), lastDay: day('2025-01-05') });
});

test('a case of only minor periods keeps its whole span; no events, no span', () => {
  const scattered = Array.from({ length: 40 }, (_, i) => ({ day: day('2020-01-01') + i * 60, n: 1 }));
  assert.deepEqual(mainDays(scattered), { firstDay: day('2020-01-01'), lastDay: day('2020-01-01') + 39 * 60 });
  assert.equal(mainDays([]), null);
  assert.equal(mainDays([{ day: 5, n: 0 }]), null);
});
