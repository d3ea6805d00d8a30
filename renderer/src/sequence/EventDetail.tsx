/**
 * The event under the playhead: its normalised fields, the findings it belongs to, and the
 * original record exactly as the evidence holds it, with the analyst's marks on the event and on
 * every entity in it (user, addresses, devices). Every value is attacker-influenced log
 * content, so all of it is rendered as React text children, never as markup.
 */
import type { ReactNode } from 'react';
import type { AnalystEvent } from '../../../shared/model/analyst-event.js';
import type { Network, StoredEvent } from '../../../shared/model/event.js';
import { formatTime } from '../../../shared/format/time.js';
import type { FindingSpan } from '../../../shared/model/finding-span.js';
import { FACTOR_LABEL, networkOf, OUTCOME_LABEL, placeOf } from '../../../shared/view/labels.js';
import type { ColorScheme } from '../../../shared/view/palette.js';
import { AnnotationBadge } from '../annotations/AnnotationBadge.js';
import { MarkSymbol } from './MarkLegend.js';
import { ErrorAlert } from '../components/ErrorAlert.js';

export interface EventDetailProps {
  event: StoredEvent | null;
  zone: string;
  /** The findings this event belongs to. */
  findings: readonly FindingSpan[];
  /** Replay before the reveal: findings exist but are not shown. */
  findingsHidden?: boolean;
  /** The original record, verbatim. */
  raw: string;
  /** Evidence file the record was read from. */
  evidencePath: string;
  /** 1-based line in the evidence file, where the format has lines. */
  line?: number;
  /** The record is still being fetched. */
  loading?: boolean;
  /** Fetching the record failed. */
  error?: string;
  scheme: ColorScheme;
  /** Set when the event is the analyst's entry rather than evidence. */
  analystEntry?: AnalystEvent;
}

const NONE = <span className="muted">—</span>;

function text(value: string | number | undefined): ReactNode {
  return value === undefined || value === '' ? NONE : String(value);
}

function geoText(net: Network | undefined): ReactNode {
  const place = placeOf(net);
  if (place === undefined || net?.geo === undefined) return NONE;
  const origin = net.geo.source === 'vendor' ? 'from the vendor record' : 'offline lookup';
  const coords = net.geo.lat !== undefined && net.geo.lon !== undefined ? ` (${net.geo.lat.toFixed(3)}, ${net.geo.lon.toFixed(3)})` : '';
  return (
    <>
      {place}
      {coords} <span className="muted">· {origin}</span>
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function FindingsOfEvent({ findings, hidden }: { findings: readonly FindingSpan[]; hidden: boolean }) {
  if (hidden) return <p className="muted">Findings are hidden until the trainer reveals them.</p>;
  if (findings.length === 0) return <p className="muted">This event is not part of any finding.</p>;
  return (
    <ul className="seq-event-findings">
      {findings.map((f) => (
        <li key={String(f.id)}>
          <span className={`seq-severity seq-severity-${f.severity}`}>{f.severity}</span> <strong>{f.rule}</strong>: {f.summary}
          <AnnotationBadge kind="finding" target={String(f.id)} />
          <AnnotationBadge kind="entity" target={f.source ?? undefined} />
        </li>
      ))}
    </ul>
  );
}

function RawRecord({ raw, evidencePath, line, record, loading, error }: { raw: string; evidencePath: string; line?: number; record: number; loading: boolean; error?: string }) {
  return (
    <>
      <h3 id="seq-raw-heading">Original record</h3>
      <p className="seq-evidence">
        <span className="muted">Evidence</span> <span className="seq-path">{evidencePath === '' ? '—' : evidencePath}</span>
        {line !== undefined && <>, line {line.toLocaleString('en-US')}</>}
        <span className="muted">, record {record.toLocaleString('en-US')}</span>
      </p>
      {error !== undefined ? <ErrorAlert message={error} /> : (
        // Focusable so a long record can be scrolled from the keyboard.
        <pre className="seq-raw" tabIndex={0} aria-labelledby="seq-raw-heading" aria-busy={loading}>
          {loading ? 'Loading…' : raw}
        </pre>
      )}
    </>
  );
}

/** An analyst-entered event: what was said, by whom and when it was entered; no evidence to show. */
function AnalystEntryDetail({ entry, zone, scheme }: { entry: AnalystEvent; zone: string; scheme: ColorScheme }) {
  return (
    <section className="seq-detail panel seq-detail-analyst" aria-label="Event detail">
      <h2>
        <span className="analyst-badge">Analyst-entered</span> <MarkSymbol outcome={entry.outcome} scheme={scheme} size={16} /> {OUTCOME_LABEL[entry.outcome]}
        {entry.factor !== undefined && <span className="muted"> · {FACTOR_LABEL[entry.factor]}</span>}
      </h2>
      <p className="seq-analyst-note">
        Entered by the analyst, not read from evidence: it has no evidence file or original record, and detection does not use it.
      </p>
      <dl className="meta seq-fields">
        <Field label="Time">
          {formatTime(entry.time, zone)}
          {zone !== 'UTC' && <span className="muted"> · {formatTime(entry.time, 'UTC')}</span>}
        </Field>
        <Field label="User">{text(entry.user)}</Field>
        <Field label="Outcome">{OUTCOME_LABEL[entry.outcome]}</Field>
        <Field label="Factor">{entry.factor === undefined ? NONE : FACTOR_LABEL[entry.factor]}</Field>
        <Field label="Account">
          <span className="seq-analyst-description">{entry.description}</span>
        </Field>
        <Field label="Entered by">
          {entry.analyst} <span className="muted">· {formatTime(entry.createdAt, zone)}</span>
        </Field>
      </dl>
    </section>
  );
}

export function EventDetail(props: EventDetailProps) {
  const { event, zone, findings, scheme } = props;
  if (props.analystEntry !== undefined) return <AnalystEntryDetail entry={props.analystEntry} zone={zone} scheme={scheme} />;
  if (event === null) {
    return (
      <section className="seq-detail panel" aria-label="Event detail">
        <h2>Event detail</h2>
        <p className="muted">No event selected.</p>
      </section>
    );
  }
  const responder = event.responder;
  return (
    <section className="seq-detail panel" aria-label="Event detail">
      <h2>
        <MarkSymbol outcome={event.outcome} scheme={scheme} size={16} /> {OUTCOME_LABEL[event.outcome]}
        {event.factor !== undefined && <span className="muted"> · {FACTOR_LABEL[event.factor]}</span>}
      </h2>
      <AnnotationBadge kind="event" target={String(event.id)} />
      <dl className="meta seq-fields">
        <Field label="Time">
          {formatTime(event.time, zone)}
          {zone !== 'UTC' && <span className="muted"> · {formatTime(event.time, 'UTC')}</span>}
        </Field>
        <Field label="Identity">
          {text(event.user)}
          <span className="muted"> on {event.vendor}</span>
          {event.userDisplay !== undefined && <span className="muted"> · {event.userDisplay}</span>}
          <AnnotationBadge kind="user" target={event.user} />
        </Field>
        <Field label="Outcome">{OUTCOME_LABEL[event.outcome]}</Field>
        <Field label="Factor">{event.factor === undefined ? NONE : FACTOR_LABEL[event.factor]}</Field>
        <Field label="Source IP">
          {text(event.source?.ip)}
          <AnnotationBadge kind="entity" target={event.source?.ip} />
        </Field>
        <Field label="Source location">{geoText(event.source)}</Field>
        <Field label="Source network">{text(networkOf(event.source))}</Field>
        <Field label="Responder device">
          {responder === undefined ? NONE : [responder.name, responder.ip].filter((p) => p !== undefined && p !== '').join(' · ') || NONE}
          <AnnotationBadge kind="entity" target={responder?.name} />
          <AnnotationBadge kind="entity" target={responder?.ip} />
        </Field>
        <Field label="Responder location">{geoText(responder)}</Field>
        <Field label="Responder network">{text(networkOf(responder))}</Field>
        <Field label="User agent">{text(event.userAgent)}</Field>
        <Field label="Device">
          {text(event.device)}
          <AnnotationBadge kind="entity" target={event.device} />
        </Field>
        <Field label="App">{text(event.app)}</Field>
        <Field label="Session">{text(event.sessionId)}</Field>
        <Field label="Vendor event">
          {event.vendor} · {text(event.vendorEvent)}
        </Field>
        <Field label="Reason">{text(event.reason)}</Field>
      </dl>
      <h3>Findings</h3>
      <FindingsOfEvent findings={findings} hidden={props.findingsHidden === true} />
      <RawRecord
        raw={props.raw}
        evidencePath={props.evidencePath}
        line={props.line}
        record={event.ref.record}
        loading={props.loading === true}
        error={props.error}
      />
    </section>
  );
}
