import { useState } from 'react';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { Alert, Box, Button as MuiButton, LinearProgress, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import {
  Datagrid, DateField, DeleteButton, List, TextField, TopToolbar, useNotify, useRefresh,
} from 'react-admin';
import { useCanChange } from '../../components/useCanChange';
import { EmptyState } from '../../components/EmptyState';
import { API } from '../../dataProvider';
import { csrfHeaders } from '../../csrf';

/** How far a long operation got: a byte count of a total, or a phase without one. */
export interface Progress { phase: 'reading' | 'uploading' | 'registering' | 'done'; loaded: number; total: number }

/** The share done, 0 to 100 (uploading fills 0–90, the server's registering the rest). */
export function percent(p: Progress): number {
  if (p.phase === 'done') return 100;
  if (p.phase === 'registering') return 95;
  const share = p.total > 0 ? p.loaded / p.total : 0;
  return p.phase === 'reading' ? Math.round(share * 10) : Math.round(10 + share * 80);
}

/** POSTs with upload progress (fetch has none): XMLHttpRequest, the session cookie and CSRF header as the data provider sends them. */
function postWithProgress(url: string, body: string, onProgress: (p: Progress) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/json');
    for (const [header, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(header, value);
    xhr.upload.onprogress = (e) => onProgress({ phase: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : body.length });
    xhr.upload.onload = () => onProgress({ phase: 'registering', loaded: 1, total: 1 });
    xhr.onload = () => {
      const json = (() => { try { return JSON.parse(xhr.responseText) as unknown; } catch { return null; } })();
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(Object.assign(new Error((json as { error?: string } | null)?.error ?? `HTTP ${xhr.status}`), { body: json }));
    };
    xhr.onerror = () => reject(new Error('the service could not be reached'));
    xhr.send(body);
  });
}

/** Imports an OpenAPI 3 document (a file, read here) as api-call node types, showing how far it got. */
function ImportForm() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [made, setMade] = useState<string[]>([]);
  const run = async () => {
    if (!file) return;
    setProblems([]);
    setMade([]);
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onprogress = (e) => setProgress({ phase: 'reading', loaded: e.loaded, total: e.total });
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(new Error(`could not read ${file.name}`));
        reader.readAsText(file);
      });
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (e) {
        throw Object.assign(new Error(`${file.name} is not JSON: ${(e as Error).message}`), { body: null });
      }
      const answer = await postWithProgress(`${API}/node-types/import`, JSON.stringify({ name, baseUrl, document }), setProgress) as
        { nodeTypes?: string[] };
      setProgress({ phase: 'done', loaded: 1, total: 1 });
      setMade(answer.nodeTypes ?? []);
      notify(`Imported ${name}: ${(answer.nodeTypes ?? []).length} node types`, { type: 'success' });
      refresh();
    } catch (e) {
      setProgress(null);
      const body = (e as { body?: { details?: { path: string; message: string }[] } | null }).body;
      setProblems(body?.details?.map((d) => `${d.path}: ${d.message}`) ?? [(e as Error).message]);
    }
  };
  const busy = progress !== null && progress.phase !== 'done';
  return (
    <Stack spacing={1.5} sx={{ p: 2, maxWidth: 720 }} data-testid="import-form">
      <Typography variant="subtitle1">Import an API (OpenAPI 3, JSON)</Typography>
      <MuiTextField size="small" label="Name (node types are name.operationId)" value={name} onChange={(e) => setName(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'import-name' } }} />
      <MuiTextField size="small" label="Base URL (http(s)://host[:port][/path])" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'import-base-url' } }} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <MuiButton component="label" variant="outlined" size="small" startIcon={<CloudUploadIcon />}>
          Choose the document
          <input hidden type="file" accept=".json,application/json" data-testid="import-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </MuiButton>
        <Typography variant="body2" color="text.secondary">{file ? `${file.name} (${Math.ceil(file.size / 1024)} KiB)` : 'no file chosen'}</Typography>
      </Stack>
      <MuiButton variant="contained" size="small" sx={{ alignSelf: 'flex-start' }} disabled={!file || !name || !baseUrl || busy}
        onClick={run} data-testid="import-run">Import</MuiButton>
      {progress && (
        <Box data-testid="import-progress" data-phase={progress.phase}>
          <LinearProgress variant="determinate" value={percent(progress)} />
          <Typography variant="caption">{progress.phase === 'done' ? 'done' : `${progress.phase}…`} {percent(progress)} %</Typography>
        </Box>
      )}
      {problems.length > 0 && <Alert severity="error" data-testid="import-problems">{problems.map((p) => <div key={p}>{p}</div>)}</Alert>}
      {made.length > 0 && (
        <Alert severity="success" data-testid="import-made">{made.length} node types: {made.slice(0, 12).join(', ')}{made.length > 12 ? ', …' : ''}</Alert>
      )}
    </Stack>
  );
}

function ImportList() {
  const canChange = useCanChange();
  return (
    <>
      {canChange && <ImportForm />}
      <List resource="node-types/imports" actions={<TopToolbar />} pagination={false} disableSyncWithLocation
        empty={<EmptyState title="No API imported yet" hint="Import an OpenAPI document above: each operation becomes a node type in the palette." />}>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="name" />
          <TextField source="baseUrl" />
          <DateField source="updatedAt" showTime />
          {canChange && <DeleteButton mutationMode="pessimistic" redirect={false} />}
        </Datagrid>
      </List>
    </>
  );
}

export const imports = { list: ImportList, icon: CloudUploadIcon, options: { label: 'API imports' } };
