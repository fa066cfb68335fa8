import cliProgress from 'cli-progress';

/**
 * Progress of a long import, measured in bytes read from the file (streaming imports do not know the
 * record count in advance) plus a record counter shown beside it.
 */
export interface Progress {
  start(label: string, totalBytes: number): void;
  /** @param bytesRead bytes consumed so far; @param records records handled so far */
  update(bytesRead: number, records: number): void;
  stop(): void;
}

/** A silent progress, for tests and library use. */
export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/**
 * A terminal progress bar on stderr when it is a TTY, otherwise one log line every 10 %.
 * @param stream where to write, default process.stderr
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{label} |{bar}| {percentage}% · {records} enregistrements · {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start(label, totalBytes) {
        bar.start(Math.max(totalBytes, 1), 0, { label, records: 0 });
      },
      update(bytesRead, records) {
        bar.update(bytesRead, { records });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let total = 1;
  let lastDecile = -1;
  let name = '';
  return {
    start(label, totalBytes) {
      total = Math.max(totalBytes, 1);
      name = label;
      lastDecile = -1;
      stream.write(`${label} : 0 %\n`);
    },
    update(bytesRead, records) {
      const decile = Math.floor((bytesRead / total) * 10);
      if (decile > lastDecile && decile < 10) {
        lastDecile = decile;
        if (decile > 0) {
          stream.write(`${name} : ${decile * 10} % (${records} enregistrements)\n`);
        }
      }
    },
    stop() {
      stream.write(`${name} : 100 %\n`);
    },
  };
}
