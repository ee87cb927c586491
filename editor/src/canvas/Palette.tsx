import { useMemo, useState } from 'react';
import { Box, List, ListItemButton, ListItemText, ListSubheader, TextField, Typography } from '@mui/material';
import { useGetList } from 'react-admin';
import { KIND_COLORS, kindOfNodeType, QUICK_ADD } from '../kinds';
import { PALETTE_MIME } from './templates';
import type { PaletteItem } from './templates';

interface NodeTypeRecord {
  id: string;
  label: string;
  module: string;
  category: string;
  structural?: boolean;
  /** Set on Oven's id for a node type listed under ours: the palette offers ours only. */
  aliasOf?: string | null;
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

/** Quick-add entries (every kind of `kinds/` with a template); then every node type of the registry by module, searchable. Drag onto the canvas (or double-click). */
export function Palette({ onAdd, onTrigger }: { onAdd: (item: PaletteItem) => void; onTrigger: () => void }) {
  const [query, setQuery] = useState('');
  const { data = [], isPending } = useGetList<NodeTypeRecord>('node-types', {
    pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' },
  });
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const byModule = new Map<string, NodeTypeRecord[]>();
    for (const t of data) {
      if (t.structural || t.aliasOf) continue;
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
        {QUICK_ADD.map((k) => (
          <PaletteEntry key={k.kind} item={{ kind: k.kind } as PaletteItem} title={k.title} subtitle={k.quickAdd!.subtitle}
            color={k.color} onAdd={onAdd} />
        ))}
      </List>
      <TextField size="small" fullWidth placeholder="Search node types" value={query} onChange={(e) => setQuery(e.target.value)}
        sx={{ my: 1 }} slotProps={{ htmlInput: { 'data-testid': 'palette-search' } }} />
      {isPending && <Typography variant="caption">Loading node types…</Typography>}
      {groups.map(([module, types]) => (
        <List key={module} dense disablePadding subheader={<ListSubheader disableSticky sx={{ px: 0, lineHeight: 2 }}>{module}</ListSubheader>}>
          {types.map((t) => (
            <PaletteEntry key={t.id} item={{ kind: 'node', nodeType: t.id }} title={t.label} subtitle={t.id}
              color={KIND_COLORS[kindOfNodeType(t.id)]} onAdd={onAdd} />
          ))}
        </List>
      ))}
    </Box>
  );
}
