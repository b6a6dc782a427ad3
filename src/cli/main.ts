/**
 * `bunq-gateway`: the command line. Every command has --help; commands whose output a script
 * would read take --json. Configuration comes from the environment (see src/config/schema.ts);
 * a bad value stops the command with one line per variable and exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load';
import { GatewayError } from '../lib/errors';
import { EXIT } from './output';
import { registerServe } from './commands/serve';
import { registerEmulator } from './commands/emulator';
import { registerInit } from './commands/init';
import { registerDemo } from './commands/demo';
import { registerToken } from './commands/token';
import { registerExplain } from './commands/explain';
import { registerLedger } from './commands/ledger';
import { registerAudit } from './commands/audit';
import { registerStatus } from './commands/status';
import { registerAdmin } from './commands/admin';

export function buildProgram(): Command {
  const program = new Command('bunq-gateway')
    .description('A scope-enforcing gateway for the bunq API: scoped, revocable tokens in front of one bunq API key.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program);
  registerServe(program);
  registerInit(program);
  registerEmulator(program);
  registerToken(program);
  registerExplain(program);
  registerLedger(program);
  registerAudit(program);
  registerStatus(program);
  registerAdmin(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof ConfigError) {
      for (const line of err.lines) process.stderr.write(`bunq-gateway: configuration: ${line}\n`);
      return EXIT.usage;
    }
    if (err instanceof GatewayError) {
      process.stderr.write(`bunq-gateway: ${err.message}\n`);
      return err.status === 403 ? EXIT.refused : err.status === 404 ? EXIT.notFound : err.status === 400 ? EXIT.usage : EXIT.failure;
    }
    process.stderr.write(`bunq-gateway: ${(err as Error).message ?? String(err)}\n`);
    return EXIT.failure;
  }
}
