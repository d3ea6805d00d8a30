/** The outcome and factor choices of the forms that describe or filter events, with their labels. */
import { FACTORS, OUTCOMES } from '../../../shared/model/event.js';
import { FACTOR_LABEL, OUTCOME_LABEL } from '../../../shared/view/labels.js';

export function OutcomeOptions() {
  return OUTCOMES.map((o) => (
    <option key={o} value={o}>
      {OUTCOME_LABEL[o]}
    </option>
  ));
}

export function FactorOptions() {
  return FACTORS.map((f) => (
    <option key={f} value={f}>
      {FACTOR_LABEL[f]}
    </option>
  ));
}
