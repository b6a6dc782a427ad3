/**
 * `bunq-gateway admin reset-credential`: replaces the admin credential (the old one and every
 * console session stop working) and prints the new one once. For a lost credential, or after
 * one leaked.
 */
import type { Command } from 'commander';
import { AdminCredential } from '../../admin/admin-credential';
import { withRuntime } from '../open-runtime';
import { output } from '../output';

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('The admin credential of the console and admin API.');
  admin
    .command('reset-credential')
    .description('Create a new admin credential; the old one and all console sessions stop working. Printed once.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const credential = await new AdminCredential(rt.db, rt.clock).reset();
        output(opts.json === true).result({ adminCredential: credential }, () =>
          ['New admin credential (shown once; store it in a password manager):', `  ${credential}`, 'The old credential and every console session no longer work.'].join('\n'),
        );
      });
    });
}
