/**
 * Validation of faults sent to the HTTP control API (POST/PUT /_emulator/faults); mirrors the
 * Fault type in http/faults.ts.
 */
import { z } from 'zod';
import type { Fault } from '../http/faults';

const match = z.object({ method: z.string().optional(), pathPrefix: z.string().optional(), pathIncludes: z.string().optional() }).strict();
const repeat = { times: z.number().int().positive().optional(), match: match.optional() };
const phase = z.enum(['before', 'after']).optional();

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.number().int().min(100).max(599), message: z.string().optional(), phase, ...repeat }).strict(),
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), ...repeat }).strict(),
  z.object({ kind: z.literal('rate-limit'), ...repeat }).strict(),
  z.object({ kind: z.literal('corrupt-signature'), ...repeat }).strict(),
  z.object({ kind: z.literal('drop-connection'), phase, ...repeat }).strict(),
  z.object({ kind: z.literal('expire-sessions') }).strict(),
]);

/** Parses one fault or a list; throws a readable Error on invalid input. */
export function parseFaults(input: unknown): Fault[] {
  const list = Array.isArray(input) ? input : [input];
  return list.map((item) => {
    const r = faultSchema.safeParse(item);
    if (!r.success) throw new Error(`invalid fault: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    // JSON input never carries `undefined`, so zod's optional fields match Fault's exactly.
    return r.data as Fault;
  });
}
