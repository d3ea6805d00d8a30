/**
 * A failure told to the analyst, or nothing without one. The message is React text, never
 * markup: it may quote log content or a file name.
 */
export function ErrorAlert({ message }: { message: string | null | undefined }) {
  if (message === null || message === undefined) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
