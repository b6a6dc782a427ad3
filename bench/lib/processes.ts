/** Child processes of the bench (emulator, bare proxy, gateway) and what /proc says about them. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Child {
  readonly proc: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a process that prints JSON with a "url" once it listens. */
export function startChild(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /"url":\s*"([^"]+)"/.exec(out)?.[1];
      if (url === undefined) return;
      resolve({
        proc,
        url,
        stop: () =>
          new Promise<void>((done) => {
            proc.removeAllListeners('exit');
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
  });
}

/**
 * The node flags the gateway runs with in production: those on bin/bunq-gateway.js's #! line
 * (the Dockerfile and `npm start` execute that file), so the bench measures the same process.
 */
export function gatewayNodeFlags(): string[] {
  const shebang = fs.readFileSync(path.join(ROOT, 'bin', 'bunq-gateway.js'), 'utf8').split('\n')[0]!;
  const m = /^#!\/usr\/bin\/env -S node(.*)$/.exec(shebang);
  if (!m) throw new Error(`unexpected #! line in bin/bunq-gateway.js: ${shebang}`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

/** Peak resident set size (VmHWM) in MB. */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** user + system CPU time in ms. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}
