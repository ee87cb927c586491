import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatDuration } from '../format';

export function DurationField({ source = 'durationMs' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  return <Typography variant="body2">{formatDuration(record?.[source])}</Typography>;
}
