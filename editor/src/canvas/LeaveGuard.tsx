import { useEffect } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useBlocker } from 'react-admin';
import type { Changes } from './changes';

/**
 * Asks before unsaved work is lost: leaving for another page of the dashboard (save and leave,
 * leave without saving, or stay), and closing or reloading the tab (the browser's own question).
 */
export function LeaveGuard({ changes, onSave }: { changes: Changes; onSave: () => Promise<boolean> }) {
  const unsaved = changes !== 'none';
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!unsaved) return undefined;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  return (
    <Dialog open={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} data-testid="leave-guard">
      <DialogTitle>Leave without saving?</DialogTitle>
      <DialogContent>
        {changes === 'layout' ? 'Nodes were moved since the last save.' : 'This workflow has changes that are not saved.'} They
        are lost if you leave now.
      </DialogContent>
      <DialogActions>
        <Button onClick={() => blocker.reset?.()} data-testid="leave-stay">Stay</Button>
        <Button color="error" onClick={() => blocker.proceed?.()} data-testid="leave-discard">Leave without saving</Button>
        <Button variant="contained" data-testid="leave-save"
          onClick={async () => { if (await onSave()) blocker.proceed?.(); else blocker.reset?.(); }}>Save and leave</Button>
      </DialogActions>
    </Dialog>
  );
}
