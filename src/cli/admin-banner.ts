/** The lines `serve` and `demo` print about the admin listener; the credential only when just created. */
import type { RunningAdmin } from '../admin/admin-server';

export function adminLines(admin: RunningAdmin): string[] {
  return [
    `console and admin API on ${admin.url} (OpenAPI: ${admin.url}/admin/api/openapi.json)`,
    ...(admin.newCredential
      ? [`admin credential (shown once; store it now): ${admin.newCredential}`]
      : ['admin credential: as printed on the first start (lost it? `bunq-gateway admin reset-credential`)']),
  ];
}
