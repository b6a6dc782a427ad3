/**
 * The master key comes from GATEWAY_MASTER_KEY, or from a key file that is created with mode
 * 0600 on first start. A key file readable by others is refused: it would expose every
 * secret the gateway holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function decodeMasterKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('the master key must be 32 bytes (64 hex characters or base64)');
  return key;
}

export function loadOrCreateMasterKey(opts: { envValue?: string | undefined; file: string }): {
  key: Buffer;
  created: boolean;
} {
  if (opts.envValue) return { key: decodeMasterKey(opts.envValue), created: false };
  try {
    const stat = fs.statSync(opts.file);
    if ((stat.mode & 0o077) !== 0) {
      throw new Error(`master key file ${opts.file} is accessible by other users; run: chmod 600 ${opts.file}`);
    }
    return { key: decodeMasterKey(fs.readFileSync(opts.file, 'utf8')), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(opts.file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process created meanwhile.
  fs.writeFileSync(opts.file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}
