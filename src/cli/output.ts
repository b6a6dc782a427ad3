/**
 * CLI output: human text by default, JSON (one document on stdout) with --json. Errors go to
 * stderr as one line. Exit codes:
 *   0 ok · 1 failure (incl. bunq not configured for `status`) · 2 usage, configuration or
 *   invalid input (bad flags, a grant the catalog refuses) · 3 refused (explain says denied) ·
 *   4 not found (no such token or ledger entry)
 */
import { createLogger, type Logger } from '../lib/logger';

export const EXIT = { ok: 0, failure: 1, usage: 2, refused: 3, notFound: 4 } as const;

/**
 * The log of a command: JSON lines on stdout, except with --json, where stdout holds the one
 * result document a script parses, and the log goes to stderr.
 */
export function commandLogger(level: string, json: boolean): Logger {
  return json ? createLogger(level, process.stderr) : createLogger(level);
}

export interface Out {
  readonly json: boolean;
  result(value: unknown, human: () => string): void;
  info(line: string): void;
  error(line: string): void;
}

export function output(json: boolean): Out {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, jsonSafe, 2)}\n` : `${human()}\n`);
    },
    info(line) {
      // Progress lines never pollute JSON on stdout.
      (json ? process.stderr : process.stdout).write(`${line}\n`);
    },
    error(line) {
      process.stderr.write(`bunq-gateway: ${line}\n`);
    },
  };
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
