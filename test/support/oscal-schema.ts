/**
 * Validates a document against NIST's complete OSCAL JSON schemas (copies in
 * test/fixtures/oscal-schemas, see its SOURCE.md) with ajv: tests only, never at run time.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const OSCAL_SCHEMA_VERSIONS = ['1.1.2', '1.2.1'] as const;
export type OscalSchemaVersion = (typeof OSCAL_SCHEMA_VERSIONS)[number];

// ajv-formats is CommonJS: its default export is the function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const compiled = new Map<OscalSchemaVersion, ValidateFunction>();

function validatorFor(version: OscalSchemaVersion): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    const schema = JSON.parse(readFileSync(`test/fixtures/oscal-schemas/v${version}/oscal_complete_schema.json`, 'utf8'));
    // strict: false — the schemas use keywords (e.g. `$comment` placements) ajv's strict mode rejects; the
    // token patterns use \p{…}, which ajv compiles with the `u` flag.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
    compiled.set(version, validate);
  }
  return validate;
}

/**
 * Compiles the schemas now (a few seconds each). Call it before starting a test server: a compile
 * blocks the event loop long enough for the server to drop the client's idle keep-alive connection.
 */
export function prepareOscalSchemas(): void {
  for (const version of OSCAL_SCHEMA_VERSIONS) validatorFor(version);
}

/**
 * The schema's complaints about `document` (`<instance path> <message>`), empty when it is valid.
 * The root `oneOf` reports every other model's branch too; those (at the root) are left out.
 */
export function oscalSchemaErrors(document: unknown, version: OscalSchemaVersion): string[] {
  const validate = validatorFor(version);
  if (validate(document)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.instancePath !== '');
  const all = errors.length ? errors : (validate.errors ?? []);
  return [...new Set(all.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`))];
}
