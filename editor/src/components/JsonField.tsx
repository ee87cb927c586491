import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { jsonPreview } from '../format';

const MAX_CHILDREN = 200;

/** One value of a JSON tree: objects and arrays fold (open to `openDepth`), leaves show in colour. */
function Node({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const key = name === undefined ? null : <Box component="span" sx={{ color: 'text.secondary' }}>{name}: </Box>;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    const shown = entries.slice(0, MAX_CHILDREN);
    const brief = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
    return (
      <Box component="details" open={depth < openDepth} sx={{ pl: depth === 0 ? 0 : 1.5, '& > summary': { cursor: 'pointer' } }}>
        <Box component="summary" sx={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {key}<Box component="span" sx={{ color: 'text.secondary' }}>{brief}</Box>
        </Box>
        {shown.map(([k, v]) => <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />)}
        {entries.length > shown.length && (
          <Box sx={{ pl: 1.5, color: 'text.secondary' }}>… {entries.length - shown.length} more</Box>
        )}
      </Box>
    );
  }
  const color = typeof value === 'string' ? '#2e7d32' : typeof value === 'number' ? '#1565c0' : '#6a1b9a';
  return (
    <Box sx={{ pl: depth === 0 ? 0 : 1.5, overflowWrap: 'anywhere' }}>
      {key}<Box component="span" sx={{ color }}>{JSON.stringify(value)}</Box>
    </Box>
  );
}

/** A JSON value as a tree whose objects and arrays collapse; the first levels open. */
export function JsonTree({ value, openDepth = 1 }: { value: unknown; openDepth?: number }) {
  return (
    <Box data-testid="json-tree" sx={{ fontFamily: 'monospace', fontSize: 12, p: 1, borderRadius: 1, bgcolor: 'action.hover',
      overflow: 'auto', maxHeight: 400 }}>
      <Node value={value} depth={0} openDepth={openDepth} />
    </Box>
  );
}

/** JSON, collapsible: a one-line preview that opens to the tree. `width` bounds it (table cells). */
export function JsonView({ value, open = false, preview = 60, width = 720 }: { value: unknown; open?: boolean; preview?: number; width?: number }) {
  if (value === null || value === undefined) {
    return <Typography variant="body2" color="text.secondary">—</Typography>;
  }
  return (
    <Box component="details" open={open} sx={{ maxWidth: width, '& summary': { cursor: 'pointer' } }}>
      <Typography component="summary" variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
        {jsonPreview(value, preview)}
      </Typography>
      <Box sx={{ mt: 0.5 }}><JsonTree value={value} openDepth={2} /></Box>
    </Box>
  );
}

/** A record's JSON field, for Show and Datagrid views. */
export function JsonField({ source, open, preview, width }: { source: string; label?: string; open?: boolean; preview?: number; width?: number }) {
  const record = useRecordContext();
  return <JsonView value={record?.[source]} open={open} preview={preview} width={width} />;
}
