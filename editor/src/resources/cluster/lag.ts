/** An instance as `GET /api/cluster` lists it. */
export interface Instance {
  id: string; host: string; pid: number; version: string | null; startedAt: string; heartbeatAt: string;
  stoppedAt: string | null; secondsSinceHeartbeat: number; alive: boolean; self: boolean;
  /** Workflow id → the version deployed there. */
  deployed?: Record<string, number>;
  /** Workflow id → why its current version could not be deployed there. */
  deployFailures?: Record<string, string>;
}

/**
 * Live instance id → the workflows (ids, ascending) it runs an older version of than another live
 * instance does, or does not run at all while another does — unless it failed to deploy them,
 * which it shows on its own. Gone instances are left out: what they ran no longer counts.
 */
export function behind(instances: Instance[]): Map<string, string[]> {
  const live = instances.filter((i) => i.alive);
  const newest = new Map<string, number>();
  for (const i of live) {
    for (const [workflow, version] of Object.entries(i.deployed ?? {})) {
      newest.set(workflow, Math.max(version, newest.get(workflow) ?? 0));
    }
  }
  const lagging = new Map<string, string[]>();
  for (const i of live) {
    const late = [...newest.entries()]
      .filter(([workflow, version]) => (i.deployed?.[workflow] ?? 0) < version && !(workflow in (i.deployFailures ?? {})))
      .map(([workflow]) => workflow)
      .sort((a, b) => Number(a) - Number(b));
    if (late.length > 0) {
      lagging.set(i.id, late);
    }
  }
  return lagging;
}
