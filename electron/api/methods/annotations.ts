/** What the analyst adds: stars, tags and notes on events, findings and users, and analyst-entered events. */
import type { AnnotationPatch } from '../../../shared/model/annotation.js';
import { FACTORS, OUTCOMES, type Factor, type Outcome } from '../../../shared/model/event.js';
import {
  annotationKind,
  annotationTarget,
  bad,
  defined,
  optionalChoice,
  optionalRecord,
  record,
  requiredTime,
  text,
  userName,
} from '../../../shared/api/validation.js';
import { insertAnalystEvent, listAnalystEvents } from '../../store/analyst-events.js';
import { applyAnnotation, listAnnotations } from '../../store/annotations.js';
import { domain } from '../method.js';
import { announce } from '../session-jobs.js';

function annotationPatch(method: string, raw: unknown): AnnotationPatch {
  const p = record(method, raw);
  const patch: AnnotationPatch = {};
  if (p['starred'] !== undefined) {
    if (typeof p['starred'] !== 'boolean') bad(method, '"patch.starred" must be true or false');
    patch.starred = p['starred'];
  }
  const tags = (key: 'tags' | 'addTags'): string[] | undefined => {
    const list = p[key];
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || list.length > 50 || !list.every((t): t is string => typeof t === 'string' && t.trim() !== '' && t.length <= 100)) {
      bad(method, `"patch.${key}" must be a list of up to 50 tags of 1 to 100 characters`);
    }
    return [...new Set(list.map((t) => t.trim()))];
  };
  const replaced = tags('tags');
  if (replaced !== undefined) patch.tags = replaced;
  const added = tags('addTags');
  if (added !== undefined) patch.addTags = added;
  if (p['note'] !== undefined) {
    if (typeof p['note'] !== 'string' || p['note'].length > 100_000) bad(method, '"patch.note" must be text of at most 100,000 characters');
    patch.note = p['note'];
  }
  return patch;
}

export const annotationMethods = domain({
  'annotations/list': {
    validate: (raw) => {
      const o = optionalRecord('annotations/list', raw);
      return o['kind'] === undefined ? {} : { kind: annotationKind('annotations/list', o['kind']) };
    },
    handle: async ({ kind }, session) => listAnnotations(session.requireCase().db, kind),
  },

  'annotations/set': {
    validate: (raw) => {
      const method = 'annotations/set';
      const o = record(method, raw);
      const targets = o['targets'];
      if (!Array.isArray(targets) || targets.length === 0 || targets.length > 100_000) bad(method, '"targets" must be a list of 1 to 100,000 targets');
      const patch = annotationPatch(method, o['patch']);
      return { targets: targets.map((t) => annotationTarget(method, t)), patch };
    },
    handle: async ({ targets, patch }, session) => {
      const store = session.requireCase();
      const saved = store.change(session.actor, 'annotation/set', { targets: targets.slice(0, 1000), count: targets.length, patch }, () =>
        applyAnnotation(store.db, targets, patch, session.actor),
      );
      announce(session);
      return saved;
    },
  },

  'analyst/add': {
    validate: (raw) => {
      const method = 'analyst/add';
      const o = record(method, raw);
      const outcome = optionalChoice<Outcome>(method, o, 'outcome', OUTCOMES);
      if (outcome === undefined) bad(method, '"outcome" is required');
      return defined({
        user: userName(method, o, 'user'),
        time: requiredTime(method, o, 'time'),
        outcome,
        factor: optionalChoice<Factor>(method, o, 'factor', FACTORS),
        description: text(method, o, 'description', 10_000).trim(),
      });
    },
    handle: async (input, session) => {
      const store = session.requireCase();
      // The custody entry is written after the insert, so it can name the new entry's id.
      const detail: Record<string, unknown> = { ...input };
      const saved = store.change(session.actor, 'analyst-event/add', detail, () => {
        const entry = insertAnalystEvent(store.db, input, session.actor);
        detail['id'] = entry.id;
        return entry;
      });
      announce(session);
      return saved;
    },
  },

  'analyst/list': {
    validate: (raw) => {
      const o = optionalRecord('analyst/list', raw);
      return o['user'] === undefined ? {} : { user: userName('analyst/list', o, 'user') };
    },
    handle: async ({ user }, session) => listAnalystEvents(session.requireCase().db, user),
  },
});
