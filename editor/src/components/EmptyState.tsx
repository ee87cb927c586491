import { Box, Typography } from '@mui/material';
import { CreateButton, useResourceDefinition } from 'react-admin';
import type { ReactNode } from 'react';

/** What an empty list says: what this is, and what to do next. */
export function EmptyState({ title, hint, create = false }: { title: string; hint: ReactNode; create?: boolean }) {
  // A viewer's resources have no create page: then there is nothing to offer.
  const { hasCreate } = useResourceDefinition();
  return (
    <Box sx={{ textAlign: 'center', m: 4, maxWidth: 640, mx: 'auto' }} data-testid="empty-state">
      <Typography variant="h6" gutterBottom>{title}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{hint}</Typography>
      {create && hasCreate && <CreateButton variant="contained" />}
    </Box>
  );
}
