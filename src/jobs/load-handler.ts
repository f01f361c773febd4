import { InputError } from '../core/errors.js';
import { type JobDefinition, jobModuleUrl, type PartitionHandler } from './job.js';

/** Imports the job's module and returns its handler export; `InputError` if it is missing or not a function. */
export async function loadHandler(job: JobDefinition): Promise<PartitionHandler> {
  const url = jobModuleUrl(job);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(
      'job_module_not_loaded',
      `Job "${job.name}": cannot load module ${url}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  const handler = namespace[job.exportName];
  if (typeof handler !== 'function') {
    throw new InputError(
      'job_export_missing',
      `Job "${job.name}": module ${url} has no function export "${job.exportName}"`,
    );
  }
  return handler as PartitionHandler;
}
