import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillContentsPages } from '../../../electron/report/print-report.js';

test('contents page numbers fill only the contents cells PushTrail wrote', () => {
  const page =
    '<span class="toc-page" data-toc="summary"></span><span class="toc-page" data-toc="users">3</span>' +
    '<pre>&lt;span class="toc-page" data-toc="summary"&gt;&lt;/span&gt;</pre><span class="toc-page" data-toc="none"></span>';
  const filled = fillContentsPages(page, new Map([
    ['summary', 2],
    ['users', 4],
  ]));
  assert.equal(
    filled,
    '<span class="toc-page" data-toc="summary">2</span><span class="toc-page" data-toc="users">4</span>' +
      '<pre>&lt;span class="toc-page" data-toc="summary"&gt;&lt;/span&gt;</pre><span class="toc-page" data-toc="none"></span>',
  );
});
