import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { jsonPreview, prettyJson } from '../format';

/** JSON, pretty and collapsible: a one-line preview that opens to the indented value. */
export function JsonView({ value, open = false }: { value: unknown; open?: boolean }) {
  if (value === null || value === undefined) {
    return <Typography variant="body2" color="text.secondary">—</Typography>;
  }
  return (
    <Box component="details" open={open} sx={{ maxWidth: 720, '& summary': { cursor: 'pointer' } }}>
      <Typography component="summary" variant="body2" sx={{ fontFamily: 'monospace' }}>
        {jsonPreview(value, 60)}
      </Typography>
      <Box
        component="pre"
        sx={{ m: 0, mt: 0.5, p: 1, borderRadius: 1, bgcolor: 'action.hover', fontSize: 12, overflow: 'auto', maxHeight: 400 }}
      >
        {prettyJson(value)}
      </Box>
    </Box>
  );
}

/** A record's JSON field, for Show and Datagrid views. */
export function JsonField({ source, open }: { source: string; label?: string; open?: boolean }) {
  const record = useRecordContext();
  return <JsonView value={record?.[source]} open={open} />;
}
