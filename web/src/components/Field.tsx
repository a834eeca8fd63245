/** The API's own words for what is wrong with a field, announced when they appear. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return <span id={id} hidden />;
  return (
    <span id={id} className="field-error" role="alert">
      {messages.join(' ')}
    </span>
  );
}
