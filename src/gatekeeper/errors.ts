/**
 * A user-input problem found while building reviews, inventories or
 * constraints. Callers attach the file it came from and turn it into a
 * Diagnostic; it never means a bug in gwpc.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: string = "gwpc_input",
  ) {
    super(message);
    this.name = "InputError";
  }
}
