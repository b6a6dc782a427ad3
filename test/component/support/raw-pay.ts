// A raw payment POST on its own connection (agent: false), so hundreds of them really are in
// flight at the gateway together instead of queueing in a client-side connection pool.
import http from 'node:http';
import { paymentBody } from './calls';

export function rawPay(baseUrl: string, path: string, bearer: string, value: string, iban: string, description: string): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(paymentBody(value, iban, description));
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl),
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
