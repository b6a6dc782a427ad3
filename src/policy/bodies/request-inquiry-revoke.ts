/**
 * PUT …/request-inquiry/{itemId} (bunq-api.md §9.6): the ONLY accepted update is a revoke,
 * {"status":"REVOKED"}. Anything else (amounts, other statuses, extra fields) is refused.
 */
import { z } from 'zod';

export const RequestInquiryRevokeBody = z.object({ status: z.literal('REVOKED') }).strict();

export type RequestInquiryRevokeBody = z.output<typeof RequestInquiryRevokeBody>;
