import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import type { Json } from '../converters/model';
import type { Variable } from '../canvas/variables';
import { readValue, showValue } from './values';

export interface ExpressionFieldProps {
  label: string;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  variables: Variable[];
  testId: string;
  error?: boolean;
  helperText?: string;
  /** What a typed text means; by default a number, boolean or JSON reads as such, anything else as text. */
  read?: (text: string) => Json | undefined;
}

/**
 * A value that may be a `$.` path: typed freely, or picked from the variables in scope, grouped
 * by the node they come from, nested fields indented under their parent (from the node types'
 * outputs and from the last run's data). Typing `$.` narrows the list to what matches.
 */
export function ExpressionField({ label, value, onChange, variables, testId, error, helperText, read = readValue }: ExpressionFieldProps) {
  const text = showValue(value);
  return (
    <Autocomplete<Variable, false, false, true>
      freeSolo
      size="small"
      options={variables}
      groupBy={(v) => v.from}
      getOptionLabel={(v) => (typeof v === 'string' ? v : v.path)}
      // Only a `$` text is a path being typed: plain words never open the list.
      filterOptions={(options, state) => {
        const typed = state.inputValue.trim();
        if (typed !== '' && !typed.startsWith('$')) return [];
        return options.filter((o) => o.path.toLowerCase().startsWith(typed.toLowerCase()));
      }}
      inputValue={text}
      value={null}
      onInputChange={(_, next, reason) => {
        if (reason === 'reset') return;
        onChange(read(next));
      }}
      onChange={(_, picked) => {
        if (picked && typeof picked !== 'string') onChange(picked.path);
      }}
      renderOption={({ key, ...props }, v) => (
        <Box component="li" key={key} {...props} data-testid={`pick-${v.path}`} sx={{ pl: `${1 + 1.5 * (v.depth ?? 0)}em !important` }}>
          <Typography variant="body2" sx={{ fontFamily: 'monospace', mr: 1 }}>{v.path}</Typography>
          {v.sample !== undefined && <Typography variant="caption" color="text.secondary" noWrap>{v.sample}</Typography>}
        </Box>
      )}
      renderInput={(params) => (
        <TextField {...params} label={label} error={error} helperText={helperText}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }} />
      )}
    />
  );
}
