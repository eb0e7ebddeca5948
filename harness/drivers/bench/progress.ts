/** A one-line progress bar on stderr: cells done, and simulated time within the current cell. */
export function progressBar(totalCells: number): { update(cell: number, simulatedMs: number, windowMs: number): void; done(): void } {
  const tty = process.stderr.isTTY;
  let lastLine = "";
  return {
    update(cell, simulatedMs, windowMs) {
      const width = 24;
      const filled = Math.round((simulatedMs / windowMs) * width);
      const line = `cell ${cell}/${totalCells} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(simulatedMs / 60_000)}/${Math.round(windowMs / 60_000)} simulated min`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (simulatedMs >= windowMs && line !== lastLine) process.stderr.write(`${line}\n`);
      lastLine = line;
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
