import { useState } from 'react';
import { Layout, type LayoutProps, useGetIdentity, useNotify } from 'react-admin';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { API, httpClient } from '../dataProvider';
import { forgetUser } from '../authProvider';

/** The dashboard's layout: react-admin's, and the one-time password's change when the first start's is in use. */
export function OvenLayout(props: LayoutProps) {
  return (
    <>
      <Layout {...props} />
      <OneTimePassword />
    </>
  );
}

/** Asks for a new password while the one-time password of the first start is in use; nothing else works until then. */
function OneTimePassword() {
  const { identity, refetch } = useGetIdentity();
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!identity?.mustChangePassword) return null;
  const mismatch = again.length > 0 && again !== password;
  const save = async () => {
    try {
      await httpClient(`${API}/auth/password`, { method: 'PUT', body: JSON.stringify({ currentPassword: current, password }) });
      forgetUser();
      notify('Your password is changed', { type: 'success' });
      await refetch();
      window.location.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog open fullWidth maxWidth="xs">
      <DialogTitle>Choose your password</DialogTitle>
      <DialogContent>
        <DialogContentText>You logged in with the one-time password from the service's log. Choose your own
          (at least 12 characters) to go on.</DialogContentText>
        <TextField label="One-time password" type="password" value={current} onChange={(e) => setCurrent(e.target.value)}
          fullWidth margin="dense" slotProps={{ htmlInput: { 'data-testid': 'otp-current' } }} />
        <TextField label="New password" type="password" value={password} onChange={(e) => setPassword(e.target.value)}
          fullWidth margin="dense" slotProps={{ htmlInput: { 'data-testid': 'otp-new' } }} />
        <TextField label="New password again" type="password" value={again} onChange={(e) => setAgain(e.target.value)}
          fullWidth margin="dense" error={mismatch} helperText={mismatch ? 'not the same' : error ?? ' '}
          slotProps={{ htmlInput: { 'data-testid': 'otp-again' } }} />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={save} disabled={!current || password.length < 12 || password !== again}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
