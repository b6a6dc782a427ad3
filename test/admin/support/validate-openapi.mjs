// Validates an OpenAPI document read from stdin with @seriousme/openapi-schema-validator and
// prints {"valid":…, "errors":…}. A separate ESM process because the validator is ESM-only and
// uses import.meta, which jest's CommonJS runtime cannot load.
import { Validator } from '@seriousme/openapi-schema-validator';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(input));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
