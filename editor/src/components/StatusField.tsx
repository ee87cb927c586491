import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { statusColor } from '../format';

export function StatusField({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  const status = record?.[source];
  if (!status) return null;
  return <Chip size="small" label={status} color={statusColor(status)} data-status={status} />;
}
