/** The filters of the search screen. Times are typed in the case's display zone. */
import { useState, type FormEvent } from 'react';
import type { SearchFilters } from '../../../shared/api/search.js';
import type { EvidenceFile } from '../../../shared/model/case.js';
import { VENDORS, type Factor, type Outcome, type Vendor } from '../../../shared/model/event.js';
import { baseName } from '../../../shared/format/path.js';
import { parseZonedTime } from '../../../shared/format/time.js';
import { ZonedTimeInput } from '../components/ZonedTimeInput.js';
import { FactorOptions, OutcomeOptions } from '../components/EventOptions.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

interface Fields {
  text: string;
  user: string;
  ip: string;
  country: string;
  outcome: string;
  factor: string;
  source: string;
  from: string;
  to: string;
}

const EMPTY: Fields = { text: '', user: '', ip: '', country: '', outcome: '', factor: '', source: '', from: '', to: '' };

/** The filters the fields describe, or the problem with them. */
function toFilters(f: Fields, zone: string): SearchFilters | string {
  const filters: SearchFilters = {};
  const put = <K extends 'text' | 'user' | 'ip' | 'country'>(key: K): void => {
    if (f[key].trim() !== '') filters[key] = f[key].trim();
  };
  put('text');
  put('user');
  put('ip');
  put('country');
  if (f.outcome !== '') filters.outcome = f.outcome as Outcome;
  if (f.factor !== '') filters.factor = f.factor as Factor;
  if (f.source.startsWith('vendor:')) filters.vendor = f.source.slice('vendor:'.length) as Vendor;
  if (f.source.startsWith('evidence:')) filters.evidenceId = Number(f.source.slice('evidence:'.length));
  for (const key of ['from', 'to'] as const) {
    if (f[key] === '') continue;
    const ms = parseZonedTime(f[key], zone);
    if (ms === null) return `"${key === 'from' ? 'From' : 'To'}" is not a date and time`;
    filters[key] = ms;
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) return '"From" is after "To"';
  return filters;
}


export function SearchForm({ zone, evidence, onSearch }: { zone: string; evidence: readonly EvidenceFile[]; onSearch: (filters: SearchFilters) => void }) {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => setFields({ ...fields, [key]: e.target.value });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const filters = toFilters(fields, zone);
    if (typeof filters === 'string') {
      setProblem(filters);
      return;
    }
    setProblem(null);
    onSearch(filters);
  };

  return (
    <form role="search" aria-label="Search events" className="panel search-form" onSubmit={submit}>
      <h2>Search events</h2>
      <label className="search-text">
        Text in the original records
        <input type="search" value={fields.text} onChange={set('text')} placeholder='words or "a phrase", e.g. 146.70.117.86' />
      </label>
      <div className="search-filters">
        <label>
          User
          <input value={fields.user} onChange={set('user')} placeholder="exact, or dana* by prefix" />
        </label>
        <label>
          IP address
          <input value={fields.ip} onChange={set('ip')} placeholder="exact, or 146.70.* by prefix" />
        </label>
        <label>
          Country
          <input value={fields.country} onChange={set('country')} placeholder="NL or Netherlands" />
        </label>
        <label>
          Outcome
          <select value={fields.outcome} onChange={set('outcome')}>
            <option value="">Any outcome</option>
            <OutcomeOptions />
          </select>
        </label>
        <label>
          Factor
          <select value={fields.factor} onChange={set('factor')}>
            <option value="">Any factor</option>
            <FactorOptions />
          </select>
        </label>
        <label>
          Source
          <select value={fields.source} onChange={set('source')}>
            <option value="">Any source</option>
            <optgroup label="Vendor">
              {VENDORS.map((v) => (
                <option key={v} value={`vendor:${v}`}>
                  {v === 'analyst' ? 'Analyst-entered events' : v}
                </option>
              ))}
            </optgroup>
            <optgroup label="Evidence file">
              {evidence.map((f) => (
                <option key={f.id} value={`evidence:${f.id}`}>
                  {baseName(f.path)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <ZonedTimeInput label={`From (${zone})`} zone={zone} value={fields.from} onChange={(from) => setFields({ ...fields, from })} />
        <ZonedTimeInput label={`To (${zone})`} zone={zone} value={fields.to} onChange={(to) => setFields({ ...fields, to })} />
      </div>
      <button type="submit">Search</button>{' '}
      <button type="button" className="secondary" onClick={() => setFields(EMPTY)}>
        Clear filters
      </button>
      <ErrorAlert message={problem} />
    </form>
  );
}
