/**
 * Add an analyst-entered event ("victim says they approved to stop the noise, 02:31"): the
 * analyst's account of something the evidence does not hold. Saved in the case, in custody,
 * and shown marked as analyst-entered wherever it appears.
 */
import { useState, type FormEvent } from 'react';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import { FACTORS, OUTCOMES, type Factor, type Outcome } from '../../../shared/model/event.js';
import { parseZonedTime, toZonedInput } from '../../../shared/format/time.js';
import { ZonedTimeInput } from './ZonedTimeInput.js';
import { messageOf, useApi } from '../api.js';
import { FactorOptions, OutcomeOptions } from './EventOptions.js';

export interface AnalystEventFormProps {
  user: string;
  zone: string;
  /** Prefilled time (the current event's), UTC ms. */
  near: number | null;
  onAdded: (entry: AnalystEvent) => void;
}

export function AnalystEventForm({ user, zone, near, onAdded }: AnalystEventFormProps) {
  const api = useApi();
  const [time, setTime] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('approved');
  const [factor, setFactor] = useState<Factor | ''>('push');
  const [description, setDescription] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const shownTime = time !== '' ? time : near === null ? '' : toZonedInput(near, zone);

  const save = (e: FormEvent): void => {
    e.preventDefault();
    const at = parseZonedTime(shownTime, zone);
    if (at === null) return setStatus({ ok: false, text: 'Enter the date and time it happened.' });
    if (description.trim() === '') return setStatus({ ok: false, text: 'Say what happened and who said so.' });
    api.call('analyst/add', { user, time: at, outcome, ...(factor === '' ? {} : { factor }), description }).then(
      (entry) => {
        setStatus({ ok: true, text: 'Added as an analyst-entered event.' });
        setDescription('');
        setTime('');
        onAdded(entry);
      },
      (err: unknown) => setStatus({ ok: false, text: messageOf(err) }),
    );
  };

  return (
    <form onSubmit={save} aria-label="Add analyst-entered event" className="panel annotate">
      <h2>Add an analyst-entered event</h2>
      <p className="muted">For what the evidence does not hold, e.g. what the user says they did. It is marked as yours everywhere and never used by detection.</p>
      <ZonedTimeInput label={`Time (${zone})`} zone={zone} value={shownTime} onChange={setTime} />
      <label>
        Outcome
        <select value={outcome} onChange={(e) => setOutcome(OUTCOMES.find((o) => o === e.target.value) ?? 'other')}>
          <OutcomeOptions />
        </select>
      </label>
      <label>
        Factor
        <select value={factor} onChange={(e) => setFactor(FACTORS.find((f) => f === e.target.value) ?? '')}>
          <option value="">None</option>
          <FactorOptions />
        </select>
      </label>
      <label>
        What happened, and who says so
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <button type="submit">Add event</button>{' '}
      {status !== null && (
        <span role="status" className={status.ok ? 'ok' : 'error'}>
          {status.text}
        </span>
      )}
    </form>
  );
}
