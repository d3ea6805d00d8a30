/**
 * A date and time typed as the rest of the app writes them, ISO order and 24 hours
 * ("2025-03-14 02:05:00"), in the display zone named beside it. A browser's datetime-local
 * control would show the computer's locale instead (03/14/2025, 02:05:00 AM).
 */
/** What parseZonedTime reads: seconds optional, T or a space between date and time. */
const PATTERN = '\\s*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?\\s*';

export function ZonedTimeInput({ label, zone, value, onChange }: { label: string; zone: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <input
        type="text"
        pattern={PATTERN}
        placeholder="YYYY-MM-DD HH:MM:SS"
        title={`Date and 24-hour time in ${zone}, e.g. 2025-03-14 14:05:00`}
        spellCheck={false}
        value={value.replace('T', ' ')}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
