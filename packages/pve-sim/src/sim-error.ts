/**
 * An error answer of the simulated API: HTTP status, PVE's message (sent as
 * the reason phrase and as `message`), and per-parameter `errors` for 400s.
 */
export class SimHttpError extends Error {
  readonly status: number;
  readonly errors: Record<string, string> | undefined;
  constructor(status: number, message: string, errors?: Record<string, string>) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

export const paramError = (errors: Record<string, string>) =>
  new SimHttpError(400, 'Parameter verification failed.', errors);

/** PVE answers most failed handler checks with a plain 500 and the reason. */
export const fail = (message: string) => new SimHttpError(500, message);
