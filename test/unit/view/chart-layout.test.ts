import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRINT_CHART, SCREEN_CHART, analystFrame, chartLayout, laneMid, spanBarY, spanBoxY } from '../../../shared/view/chart-layout.js';
import type { LaneGeometry } from '../../../shared/view/lanes.js';

// Two groups: a header, two lanes; a header, one lane.
const geometry = (lane: number, header: number): LaneGeometry => ({ top: [header, header + lane, 3 * header + 2 * lane - header], groupTop: [0, header + 2 * lane], height: 2 * header + 3 * lane });

test('both media stack axis, findings band and lanes by one rule; a band without rows takes no room', () => {
  for (const m of [SCREEN_CHART, PRINT_CHART]) {
    const g = geometry(m.laneHeight, m.headerHeight);
    const none = chartLayout(m, g, 0, 800);
    const two = chartLayout(m, g, 2, 800);
    assert.equal(none.findingsTop, m.axisHeight + m.bandGap);
    assert.equal(none.lanesTop, none.findingsTop);
    assert.ok(two.lanesTop >= two.findingsTop + 2 * m.rowHeight, 'the band rows sit above the lanes');
    assert.equal(two.lanesBottom - two.lanesTop, g.height);
    assert.equal(two.plotWidth, 800 - m.gutter - m.right);
    // Bars stay inside their rows; a box covers the lanes of its finding.
    const bar = spanBarY(two, 1);
    assert.ok(bar.y >= two.findingsTop + m.rowHeight && bar.y + bar.height <= two.lanesTop);
    assert.ok(bar.labelY > bar.y && bar.labelY <= bar.y + bar.height);
    const box = spanBoxY(two, { laneMin: 0, laneMax: 2 });
    assert.ok(box.y < laneMid(two, 0) - m.laneHeight / 2 && box.y + box.height > laneMid(two, 2) + m.laneHeight / 2);
  }
});

test('the analyst frame is centred on the mark, wider than it, with its letter at the top right', () => {
  for (const m of [SCREEN_CHART, PRINT_CHART]) {
    const f = analystFrame(m, 100, 50);
    assert.equal(f.x + f.size / 2, 100);
    assert.equal(f.y + f.size / 2, 50);
    assert.ok(f.size > 2 * m.markRadius * 1.3, 'clear of the largest mark');
    assert.ok(f.letterX > f.x + f.size && f.letterY < 50);
  }
  assert.equal(analystFrame(SCREEN_CHART, 0, 0).size, 17);
});
