/** Progress reporting that app services use and interfaces render (CLI bars, API events). */
export interface ProgressHandle {
  update(value: number, detail?: string): void;
  setTotal(total: number): void;
  done(): void;
}

export interface ProgressSink {
  progress(label: string, total: number): ProgressHandle;
  note(message: string): void;
}

const nothing: ProgressHandle = { update() {}, setTotal() {}, done() {} };
export const silentProgress: ProgressSink = { progress: () => nothing, note() {} };
