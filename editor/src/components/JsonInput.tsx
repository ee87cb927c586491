import { TextInput } from 'react-admin';
import { parseJson, prettyJson } from '../format';

/**
 * A JSON value edited as text. Text that does not parse stays text and fails validation with the
 * parser's message; the service checks the rest on save.
 */
export function JsonInput({ source, label, helperText, minRows = 3, required = false }: {
  source: string; label?: string; helperText?: string; minRows?: number; required?: boolean;
}) {
  return (
    <TextInput
      source={source}
      label={label}
      helperText={helperText}
      multiline
      minRows={minRows}
      fullWidth
      format={(value: unknown) => (value == null ? '' : typeof value === 'string' ? value : prettyJson(value))}
      parse={(text: string) => {
        if (text.trim() === '') return null;
        const parsed = parseJson(text);
        return parsed.error ? text : parsed.value;
      }}
      validate={(value: unknown) => {
        if (required && (value === null || value === undefined)) return 'Required';
        return typeof value === 'string' ? `Not JSON: ${parseJson(value).error}` : undefined;
      }}
      sx={{ '& textarea': { fontFamily: 'monospace', fontSize: 13 } }}
    />
  );
}
