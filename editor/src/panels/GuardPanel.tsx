import { Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import type { Json, JsonObject } from '../converters/model';
import { ExpressionField } from './ExpressionField';
import { branchName } from '../canvas/problems';
import type { PanelProps } from './types';
import { isObject, readValue } from './values';

type Mode = 'condition' | 'jsonata' | 'otherwise';

/** How a branch is written: a key / operator / value condition, a JSONata expression, or the default. */
export function modeOf(entry: Json | undefined): Mode {
  if (!isObject(entry) || !isObject(entry.guard)) return 'otherwise';
  return entry.guard.type === 'jsonata' ? 'jsonata' : 'condition';
}

/** A new branch written in a mode, keeping its target. */
export function branchIn(mode: Mode, entry: Json | undefined): JsonObject {
  const target: JsonObject = isObject(entry) && typeof entry.target === 'string' ? { target: entry.target } : {};
  if (mode === 'otherwise') return target;
  if (mode === 'jsonata') return { ...target, guard: { type: 'jsonata', params: { expr: '' } } };
  return { ...target, guard: { type: 'condition', params: { key: '', operator: 'exists' } } };
}

/**
 * The branches after a move: `order` lists the old indexes in their new order. Answers the new
 * list and where each old slot's edge goes (`always.i` → `always.j`, or null when dropped).
 */
export function reorder(always: Json[], order: number[]): { always: Json[]; moves: Record<string, string | null> } {
  const moves: Record<string, string | null> = {};
  always.forEach((_, i) => { moves[`always.${i}`] = null; });
  order.forEach((old, at) => { moves[`always.${old}`] = `always.${at}`; });
  return { always: order.map((i) => always[i]), moves };
}

/** A JSONata expression's obvious mistakes, found as it is typed (the server's check on save is the full one). */
export function jsonataProblem(expr: string): string | undefined {
  const body = expr.trim().replace(/^\{%([\s\S]*)%\}$/, '$1').trim();
  if (body === '') return 'write an expression, like $.level > 3';
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const open: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '(' || c === '[' || c === '{') {
      open.push(c);
    } else if (c in closing) {
      if (open.pop() !== closing[c]) return `'${c}' at ${i + 1} closes nothing open`;
    }
  }
  if (quote) return `a ${quote === '"' ? 'double' : 'single'} quote is not closed`;
  if (open.length) return `'${open[open.length - 1]}' is not closed`;
  return undefined;
}

/**
 * A condition's branches, first that holds wins: each a key (picked from the variables in
 * scope), an operator from the server's list and a value — or a JSONata expression — and the
 * last may be the default ("otherwise"). Branches are added, removed and reordered here; their
 * edges on the canvas move with them. Problems the server found are shown on their branch.
 */
export function GuardPanel({ node, state, set, lists, variables: upstream, branchVariables, onMoveSlots, targets = {} }: PanelProps) {
  const variables = branchVariables ?? upstream;
  if (!Array.isArray(state.always)) return null;
  const always = state.always as Json[];
  const problems = node.data.problems ?? [];
  const targetOf = (entry: Json) => (isObject(entry) && typeof entry.target === 'string' ? entry.target : undefined);
  const move = (order: number[]) => {
    const next = reorder(always, order);
    const copy = structuredClone(state);
    copy.always = next.always;
    onMoveSlots(node.id, next.moves, copy);
  };
  const indexes = always.map((_, i) => i);
  const hasDefault = always.length > 0 && modeOf(always[always.length - 1]) === 'otherwise';
  const append = (mode: Mode) => set((c) => { (c.always as Json[]).push(branchIn(mode, undefined)); });
  // A new condition goes before the default (after it, it would never be asked); the default keeps its edge.
  const addBeforeDefault = () => {
    if (!hasDefault) {
      append('condition');
      return;
    }
    const last = always.length - 1;
    const copy = structuredClone(state);
    (copy.always as Json[]).splice(last, 0, branchIn('condition', undefined));
    onMoveSlots(node.id, { [`always.${last}`]: `always.${last + 1}` }, copy);
  };
  return (
    <Stack spacing={1} data-testid="guard-editor">
      <Typography variant="subtitle2">Branches — the first that holds wins</Typography>
      {always.map((entry, i) => {
        const mode = modeOf(entry);
        const guard = isObject(entry) && isObject(entry.guard) ? entry.guard : {};
        const params = isObject(guard.params) ? guard.params : {};
        const setParam = (key: string, value: Json | undefined) => set((c) => {
          const g = ((c.always as JsonObject[])[i].guard as JsonObject);
          const p = { ...(isObject(g.params) ? g.params : {}) };
          if (value === undefined) delete p[key]; else p[key] = value;
          g.params = p;
        });
        const operator = String(params.operator ?? '==');
        // The operator written stays selectable while the server's list loads (or if it no longer knows it).
        const operators = lists.operators.includes(operator) ? lists.operators : [operator, ...lists.operators];
        const mine = problems.filter((p) => p.startsWith(`${branchName(i)}: `));
        const target = targets[`always.${i}`] ?? targetOf(entry);
        const word = i === 0 ? 'if' : mode === 'otherwise' ? 'otherwise' : 'else if';
        return (
          <Paper key={i} variant="outlined" sx={{ p: 1 }} data-testid={`branch-${i}`}>
            <Stack direction="row" sx={{ alignItems: 'center' }} spacing={0.5}>
              <Typography variant="body2" sx={{ fontWeight: 600, flex: 1 }}>
                {i + 1}. {word} <Typography component="span" variant="caption" color="text.secondary">
                  → {target ?? 'not connected: drag from its handle'}</Typography>
              </Typography>
              <IconButton size="small" title="Move up" disabled={i === 0} data-testid={`branch-${i}-up`}
                onClick={() => move(indexes.map((x) => (x === i - 1 ? i : x === i ? i - 1 : x)))}><ArrowUpwardIcon fontSize="small" /></IconButton>
              <IconButton size="small" title="Move down" disabled={i === always.length - 1} data-testid={`branch-${i}-down`}
                onClick={() => move(indexes.map((x) => (x === i ? i + 1 : x === i + 1 ? i : x)))}><ArrowDownwardIcon fontSize="small" /></IconButton>
              <IconButton size="small" title="Remove branch" disabled={always.length === 1} data-testid={`branch-${i}-remove`}
                onClick={() => move(indexes.filter((x) => x !== i))}><DeleteIcon fontSize="small" /></IconButton>
            </Stack>
            <Stack spacing={1} sx={{ mt: 1 }}>
              <TextField select size="small" label="test" value={mode}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': `branch-${i}-mode` } as object } }}
                onChange={(e) => set((c) => { (c.always as Json[])[i] = branchIn(e.target.value as Mode, (c.always as Json[])[i]); })}>
                <MenuItem value="condition">a value compared</MenuItem>
                <MenuItem value="jsonata">a JSONata expression</MenuItem>
                <MenuItem value="otherwise">otherwise (always holds)</MenuItem>
              </TextField>
              {mode === 'condition' && (
                <>
                  <ExpressionField label="value at" value={params.key} variables={variables.filter((v) => v.path.startsWith('$.'))}
                    testId={`guard-${i}-key`} read={(t) => (t === '' ? '' : t)}
                    error={params.key === '' || params.key === undefined}
                    helperText={params.key ? undefined : 'pick the value to test, like $.sessions.0.id'}
                    onChange={(v) => setParam('key', v === undefined ? '' : String(v))} />
                  <Stack direction="row" spacing={1}>
                    <TextField select size="small" label="is" value={operator} sx={{ minWidth: 110 }} onChange={(e) => setParam('operator', e.target.value)}
                      slotProps={{ select: { SelectDisplayProps: { 'data-testid': `guard-${i}-operator` } as object } }}>
                      {operators.map((o) => <MenuItem key={o} value={o} data-testid={`operator-${o}`}>{o}</MenuItem>)}
                    </TextField>
                    {operator !== 'exists' && operator !== 'not_exists' && (
                      <Box sx={{ flex: 1 }}>
                        <ExpressionField label="value" value={params.value} variables={variables} testId={`guard-${i}-value`}
                          read={readValue} onChange={(v) => setParam('value', v)} />
                      </Box>
                    )}
                  </Stack>
                </>
              )}
              {mode === 'jsonata' && (() => {
                const problem = jsonataProblem(String(params.expr ?? ''));
                return (
                  <TextField size="small" label="JSONata" value={String(params.expr ?? '')} multiline error={!!problem}
                    helperText={problem ?? 'true or false on the context, like $count(sessions) > 0'}
                    slotProps={{ htmlInput: { 'data-testid': `guard-${i}-expr`, spellCheck: false, style: { fontFamily: 'monospace' } } }}
                    onChange={(e) => setParam('expr', e.target.value)} />
                );
              })()}
              {mine.map((p) => <Typography key={p} variant="caption" color="error" data-testid={`branch-${i}-problem`}>{p}</Typography>)}
            </Stack>
          </Paper>
        );
      })}
      <Stack direction="row" spacing={1}>
        <Button size="small" data-testid="branch-add" onClick={addBeforeDefault}>Add branch</Button>
        {!hasDefault && <Button size="small" data-testid="branch-add-otherwise" onClick={() => append('otherwise')}>Add otherwise</Button>}
      </Stack>
      {!hasDefault && (
        <Typography variant="caption" color="text.secondary">
          With no “otherwise”, a run in which no branch holds fails at this node.
        </Typography>
      )}
    </Stack>
  );
}

/**
 * Turns a node's single way out into branches: `invoke.onDone` becomes the last branch
 * ("otherwise", its edge kept) and a first branch is added before it.
 */
export function BranchOnResult({ node, state, onMoveSlots }: PanelProps) {
  const invoke = isObject(state.invoke) ? state.invoke : {};
  return (
    <Button size="small" sx={{ alignSelf: 'flex-start' }} data-testid="branch-on-result" onClick={() => {
      const copy = structuredClone(state);
      const done = (copy.invoke as JsonObject).onDone ?? copy.onDone;
      delete (copy.invoke as JsonObject).onDone;
      delete copy.onDone;
      const otherwise: JsonObject = typeof done === 'string' ? { target: done } : isObject(done) ? { ...done } : {};
      copy.always = [branchIn('condition', undefined), otherwise];
      const from = 'onDone' in invoke ? 'invoke.onDone' : state.onDone !== undefined ? 'onDone' : 'invoke.onDone';
      onMoveSlots(node.id, { [from]: 'always.1' }, copy);
    }}>Branch on the result</Button>
  );
}
