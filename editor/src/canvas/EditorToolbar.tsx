import { Button as MuiButton, CircularProgress, Stack, ToggleButton, ToggleButtonGroup, Tooltip, Typography, Box } from '@mui/material';
import EastIcon from '@mui/icons-material/East';
import SouthIcon from '@mui/icons-material/South';
import type { Direction } from '../converters';
import SaveIcon from '@mui/icons-material/Save';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import UndoIcon from '@mui/icons-material/Undo';
import RedoIcon from '@mui/icons-material/Redo';
import HistoryIcon from '@mui/icons-material/History';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Link } from 'react-router-dom';
import type { Changes } from './changes';

/** The editor's toolbar: save, validate, execute, layout, undo/redo, versions, watch runs, and the run on the canvas. */
export function EditorToolbar(props: {
  workflowId: number; name: string; version: number; changes: Changes; saving: boolean;
  onSave: () => void; onValidate: () => void; onExecute: () => void; onSaveAndRun: () => void; onLayout: () => void;
  direction: Direction; onDirection: (direction: Direction) => void;
  undo: () => void; redo: () => void; canUndo: boolean; canRedo: boolean; onVersions: () => void;
  watching: boolean; onWatch: () => void; runId: string | null; runStatus: string | null; onClearRun: () => void;
}) {
  const { workflowId, name, version, changes, watching, runId, runStatus } = props;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider',
      flexWrap: 'wrap', rowGap: 0.5, '& .MuiButton-root': { whiteSpace: 'nowrap' } }}>
      <Typography variant="h6" sx={{ mr: 1 }} noWrap>
        <Link to={`/workflows/${workflowId}/show`}>{name}</Link> · v{version}
        <Typography component="span" variant="body2" color="text.secondary" data-testid="unsaved">
          {changes === 'logic' ? ' · unsaved' : changes === 'layout' ? ' · layout not saved' : ''}
        </Typography>
      </Typography>
      <MuiButton size="small" variant="contained" onClick={props.onSave} disabled={props.saving}
        startIcon={props.saving ? <CircularProgress size={16} color="inherit" /> : <SaveIcon />}>Save</MuiButton>
      <MuiButton size="small" startIcon={<FactCheckIcon />} onClick={props.onValidate}>Validate</MuiButton>
      {changes === 'logic'
        ? <MuiButton size="small" startIcon={<PlayArrowIcon />} onClick={props.onSaveAndRun}
            title="Runs use the saved version: this saves, then runs">Save &amp; run</MuiButton>
        : <MuiButton size="small" startIcon={<PlayArrowIcon />} onClick={props.onExecute}
            title={changes === 'layout' ? 'Only where nodes sit changed: runs are the same' : undefined}>Execute</MuiButton>}
      <MuiButton size="small" startIcon={<AccountTreeIcon />} onClick={props.onLayout}>Auto-layout</MuiButton>
      <ToggleButtonGroup size="small" exclusive value={props.direction} onChange={(_, d: Direction | null) => d && props.onDirection(d)}
        aria-label="Layout direction">
        <ToggleButton value="TB" title="Top to bottom" data-testid="direction-TB"><SouthIcon fontSize="small" /></ToggleButton>
        <ToggleButton value="LR" title="Left to right (long flows fit a wide screen)" data-testid="direction-LR"><EastIcon fontSize="small" /></ToggleButton>
      </ToggleButtonGroup>
      <Tooltip title="Undo (Ctrl+Z)"><span><MuiButton size="small" onClick={props.undo} disabled={!props.canUndo} aria-label="Undo"><UndoIcon /></MuiButton></span></Tooltip>
      <Tooltip title="Redo (Ctrl+Shift+Z)"><span><MuiButton size="small" onClick={props.redo} disabled={!props.canRedo} aria-label="Redo"><RedoIcon /></MuiButton></span></Tooltip>
      <MuiButton size="small" startIcon={<HistoryIcon />} onClick={props.onVersions}>Versions</MuiButton>
      <MuiButton size="small" startIcon={<VisibilityIcon />} onClick={props.onWatch} variant={watching ? 'contained' : 'text'}
        color={watching ? 'secondary' : 'primary'} title="Follow each new run of this workflow, triggered ones included">
        {watching ? 'Watching runs' : 'Watch runs'}
      </MuiButton>
      <Box sx={{ flex: 1 }} />
      {runId && (
        <Stack sx={{ alignItems: 'center' }} direction="row" spacing={1} data-testid="run-banner">
          <Typography variant="body2">Run <Link to={`/workflow-executions/${runId}/show`}>#{runId}</Link>: <b data-testid="run-status">{runStatus ?? '…'}</b></Typography>
          <MuiButton size="small" onClick={props.onClearRun}>Clear</MuiButton>
        </Stack>
      )}
    </Stack>
  );
}
