import { useMemo, useState } from 'react';
import { Box, List, ListItemButton, ListItemText, ListSubheader, TextField, Typography } from '@mui/material';
import { useGetList } from 'react-admin';
import { KIND_COLORS } from '../converters';
import type { Kind } from '../converters';
import { PALETTE_MIME } from './templates';
import type { PaletteItem } from './templates';

interface NodeTypeRecord {
  id: string;
  label: string;
  module: string;
  category: string;
  structural?: boolean;
}

function PaletteEntry({ item, title, subtitle, color, onAdd }: {
  item: PaletteItem; title: string; subtitle?: string; color: string; onAdd: (item: PaletteItem) => void;
}) {
  const testId = item.kind === 'node' ? `palette-${item.nodeType}` : `palette-${item.kind}`;
  return (
    <ListItemButton dense draggable data-testid={testId}
      onDragStart={(e) => {
        e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDoubleClick={() => onAdd(item)}
      sx={{ borderLeft: `4px solid ${color}`, mb: 0.5, cursor: 'grab' }}>
      <ListItemText primary={title} secondary={subtitle} slotProps={{ primary: { variant: 'body2' }, secondary: { variant: 'caption' } }} />
    </ListItemButton>
  );
}

function kindOfType(t: NodeTypeRecord): Kind {
  if (t.id === 'core.transform' || t.id === 'core.setVariable') return 'transform';
  if (t.id === 'core.emit') return 'emit';
  if (t.id === 'core.delay') return 'delay';
  if (t.id === 'core.condition') return 'condition';
  return t.id.startsWith('core.') ? 'step' : 'api';
}

/** Quick-add Condition, Delay, End; then every node type of the registry by module, searchable. Drag onto the canvas (or double-click). */
export function Palette({ onAdd, onTrigger }: { onAdd: (item: PaletteItem) => void; onTrigger: () => void }) {
  const [query, setQuery] = useState('');
  const { data = [], isPending } = useGetList<NodeTypeRecord>('node-types', {
    pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' },
  });
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const byModule = new Map<string, NodeTypeRecord[]>();
    for (const t of data) {
      if (t.structural) continue;
      if (q && !`${t.id} ${t.label} ${t.module}`.toLowerCase().includes(q)) continue;
      byModule.set(t.module, [...(byModule.get(t.module) ?? []), t]);
    }
    return [...byModule.entries()].sort(([a], [b]) => (a === 'core' ? -1 : b === 'core' ? 1 : a.localeCompare(b)));
  }, [data, query]);
  return (
    <Box sx={{ width: 250, borderRight: 1, borderColor: 'divider', overflow: 'auto', p: 1, flexShrink: 0 }} data-testid="palette">
      <Typography variant="overline">Quick add</Typography>
      <List dense disablePadding>
        <ListItemButton dense onClick={onTrigger} sx={{ borderLeft: `4px solid ${KIND_COLORS.trigger}`, mb: 0.5 }} data-testid="palette-trigger">
          <ListItemText primary="Trigger" secondary="event and payload of the workflow" slotProps={{ primary: { variant: 'body2' }, secondary: { variant: 'caption' } }} />
        </ListItemButton>
        <PaletteEntry item={{ kind: 'condition' }} title="Condition" subtitle="true / false" color={KIND_COLORS.condition} onAdd={onAdd} />
        <PaletteEntry item={{ kind: 'delay' }} title="Delay" subtitle="wait, then go on" color={KIND_COLORS.delay} onAdd={onAdd} />
        <PaletteEntry item={{ kind: 'end' }} title="End" subtitle="the run completes" color={KIND_COLORS.end} onAdd={onAdd} />
        <PaletteEntry item={{ kind: 'parallel' }} title="Parallel" subtitle="branches that run together, then join" color={KIND_COLORS.parallel} onAdd={onAdd} />
        <PaletteEntry item={{ kind: 'loop' }} title="Loop" subtitle="for each item of a list" color={KIND_COLORS.loop} onAdd={onAdd} />
      </List>
      <TextField size="small" fullWidth placeholder="Search node types" value={query} onChange={(e) => setQuery(e.target.value)}
        sx={{ my: 1 }} slotProps={{ htmlInput: { 'data-testid': 'palette-search' } }} />
      {isPending && <Typography variant="caption">Loading node types…</Typography>}
      {groups.map(([module, types]) => (
        <List key={module} dense disablePadding subheader={<ListSubheader disableSticky sx={{ px: 0, lineHeight: 2 }}>{module}</ListSubheader>}>
          {types.map((t) => (
            <PaletteEntry key={t.id} item={{ kind: 'node', nodeType: t.id }} title={t.label} subtitle={t.id}
              color={KIND_COLORS[kindOfType(t)]} onAdd={onAdd} />
          ))}
        </List>
      ))}
    </Box>
  );
}
