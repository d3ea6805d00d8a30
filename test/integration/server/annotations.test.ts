import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { directApi } from '../../support/direct-api.js';
import { tempDir } from '../../support/temp.js';

test('annotations: bulk star/tag/note, patches keep other fields, custody records each save, bad input refused', async (t) => {
  const { dispatch, call } = directApi(t, 'ana');
  await call('case/create', { path: join(tempDir(t), 'a.pushtrail'), name: 'A', analyst: 'Ana' });

  const targets = [
    { kind: 'event', target: '17' },
    { kind: 'event', target: '18' },
  ];
  await call('annotations/set', { targets, patch: { starred: true, tags: ['burst', 'burst', ' key '] } });
  await call('annotations/set', { targets: [targets[0]], patch: { note: 'victim says she approved to stop the noise' } });
  await call('annotations/set', { targets: [{ kind: 'entity', target: '146.70.117.86' }], patch: { note: '<b>attacker</b>' } });

  const events = (await call('annotations/list', { kind: 'event' })) as { target: string; starred: boolean; tags: string[]; note: string; analyst: string }[];
  assert.deepEqual(
    events.map((a) => [a.target, a.starred, a.tags, a.note, a.analyst]),
    [
      ['17', true, ['burst', 'key'], 'victim says she approved to stop the noise', 'ana'],
      ['18', true, ['burst', 'key'], '', 'ana'],
    ],
  );
  // Bulk tagging adds to each target's own tags and leaves stars and notes alone.
  await call('annotations/set', { targets: [...targets, { kind: 'event', target: '19' }], patch: { addTags: ['reviewed', 'key'] } });
  const tagged = (await call('annotations/list', { kind: 'event' })) as { target: string; starred: boolean; tags: string[]; note: string }[];
  assert.deepEqual(
    tagged.map((a) => [a.target, a.starred, a.tags, a.note]),
    [
      ['17', true, ['burst', 'key', 'reviewed'], 'victim says she approved to stop the noise'],
      ['18', true, ['burst', 'key', 'reviewed'], ''],
      ['19', false, ['reviewed', 'key'], ''],
    ],
  );
  const all = (await call('annotations/list', null)) as { kind: string; note: string }[];
  assert.equal(all.find((a) => a.kind === 'entity')?.note, '<b>attacker</b>');
  const info = (await call('case/info', null)) as { counts: { annotations: number } };
  assert.equal(info.counts.annotations, 4);
  const custody = (await call('case/custody', {})) as { action: string; detail: { count?: number } }[];
  assert.deepEqual(custody.filter((e) => e.action === 'annotation/set').map((e) => e.detail.count), [2, 1, 1, 3]);

  for (const bad of [
    { targets: [], patch: {} },
    { targets: [{ kind: 'planet', target: 'x' }], patch: {} },
    { targets: [{ kind: 'event', target: '1' }], patch: { starred: 'yes' } },
    { targets: [{ kind: 'event', target: '1' }], patch: { tags: [''] } },
    { targets: [{ kind: 'event', target: '1' }], patch: { addTags: 'x' } },
  ]) {
    const r = await dispatch('annotations/set', bad);
    assert.equal(r.ok ? null : r.error.kind, 'bad_input', JSON.stringify(bad));
  }
});
