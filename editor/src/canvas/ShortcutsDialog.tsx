import { Dialog, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow } from '@mui/material';

/** Every keyboard shortcut of the editor; `?` opens this list. */
export const SHORTCUTS: [string, string][] = [
  ['Ctrl+S', 'Save (a new version goes live)'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Ctrl+C', 'Copy the selected nodes (as definition JSON, to paste here or in another workflow)'],
  ['Ctrl+V', 'Paste copied nodes'],
  ['Ctrl+D', 'Duplicate the selected nodes'],
  ['Delete or Backspace', 'Delete the selected nodes or edges'],
  ['Shift+drag', 'Select several nodes'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} data-testid="shortcuts">
      <DialogTitle>Keyboard shortcuts</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map(([keys, what]) => (
              <TableRow key={keys}><TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{keys}</TableCell><TableCell>{what}</TableCell></TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
}
