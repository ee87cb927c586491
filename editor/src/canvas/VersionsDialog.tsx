import { useEffect, useState } from 'react';
import {
  Box, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItemButton, ListItemText,
} from '@mui/material';
import { useDataProvider, useNotify } from 'react-admin';
import type { Definition } from '../converters';
import type { OvenDataProvider } from '../dataProvider';
import { prettyJson } from '../format';
import { diffLines } from './diff';

/** Every stored version; pick one to see how it differs from the canvas, and restore it as a new version. */
export function VersionsDialog({ open, onClose, workflowId, version, current, onRestored }: {
  open: boolean; onClose: () => void; workflowId: number; version: number; current: () => Definition; onRestored: () => void;
}) {
  const dataProvider = useDataProvider<OvenDataProvider>();
  const notify = useNotify();
  const [versions, setVersions] = useState<Array<Record<string, unknown>>>([]);
  const [picked, setPicked] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    if (open) dataProvider.versions(workflowId).then(setVersions, (e) => notify((e as Error).message, { type: 'error' }));
  }, [open, workflowId, version, dataProvider, notify]);
  const lines = picked ? diffLines(prettyJson(picked.definition), prettyJson(current())) : [];
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg">
      <DialogTitle>Versions</DialogTitle>
      <DialogContent sx={{ display: 'flex', gap: 2 }}>
        <List dense sx={{ width: 200, flexShrink: 0 }}>
          {versions.map((v) => (
            <ListItemButton key={String(v.version)} selected={picked?.version === v.version} onClick={() => setPicked(v)}>
              <ListItemText primary={`v${v.version}${v.version === version ? ' (current)' : ''}`}
                secondary={new Date(String(v.createdAt)).toLocaleString()} />
            </ListItemButton>
          ))}
        </List>
        <Box component="pre" sx={{ flex: 1, fontSize: 12, m: 0, overflow: 'auto', maxHeight: '60vh' }} data-testid="version-diff">
          {picked ? lines.map((l, i) => (
            <Box key={i} component="div" sx={{ bgcolor: l.kind === 'added' ? '#e8f5e9' : l.kind === 'removed' ? '#ffebee' : undefined,
              color: l.kind === 'same' ? 'text.secondary' : 'text.primary' }}>
              {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}{l.text}
            </Box>
          )) : 'Pick a version: lines marked - are in it, + are on the canvas now.'}
        </Box>
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>Close</MuiButton>
        <MuiButton variant="contained" disabled={!picked || picked.version === version} onClick={async () => {
          try {
            await dataProvider.restore(workflowId, Number(picked!.version));
            notify(`Version ${picked!.version} restored as a new version`, { type: 'success' });
            onRestored();
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
          }
        }}>Restore this version</MuiButton>
      </DialogActions>
    </Dialog>
  );
}
