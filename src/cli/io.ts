/** Where the CLI writes; tests pass buffers, bin/gwpc.js passes the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Colour and progress only when a terminal reads us. */
  isTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
