/** CSV controls and CSV mappings: quoting, BOM, CRLF, line numbers in rejections, idempotency, modes. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/domain/import/csv.js';
import { count, onlyUnchanged, openImportEnv, read, SP800_53, type ImportBase, type ImportEnv } from './support.js';

// Every test starts from its own copy of a database holding SP 800-53 rev5 (imported once) and
// imports what else it needs.
let baseDb: ImportBase;
beforeAll(async () => {
  const setup = await openImportEnv();
  await setup.ok({ content: read(SP800_53), frameworkRefId: 'nist-sp800-53-rev5' });
  baseDb = await setup.backup();
  await setup.dispose();
});
afterAll(() => baseDb?.dispose());

let env: ImportEnv;
beforeEach(async () => {
  env = await openImportEnv(baseDb);
});
afterEach(() => env.dispose());

const BOM = '\ufeff';
const crlf = (...lines: string[]) => BOM + lines.join('\r\n') + '\r\n';

const control = async (refId: string) =>
  (await env.sql.get('SELECT ref_id AS "refId", title, description, domain, type, implementation_status AS status, owner FROM controls WHERE ref_id = ?', refId)) as Record<string, unknown>;
const liveMappings = async () =>
  (await env.sql.all(`SELECT r.ref_id AS requirement, c.ref_id AS control, m.relationship, m.strength, m.rationale FROM mappings m
       JOIN requirements r ON r.id = m.requirement_id JOIN controls c ON c.id = m.control_id WHERE m.retired_at IS NULL ORDER BY m.id`));

const CONTROLS = crlf(
  'Control,Title,Description,Domain,Type,Status,Owner',
  'IAM-01,Single sign-on,"Everyone signs in through the IdP, with MFA",Identity,preventive,implemented,it-sec',
  'LOG-01,Central logging,"Logs are kept:',
  '- 1 year',
  '- tamper-evident",Monitoring,Detective,In Progress,',
  'BAD-01,Broken,,Ops,sometimes,IMPLEMENTED,',
  ',No refId,,,,,',
);

describe('reading CSV', () => {
  it('keeps the line where each row starts, through quoted line breaks, CRLF, a BOM and blank lines', () => {
    const table = readCsv(crlf('a,b', '1,"x', 'y"', '', '2,"q ""quoted"", with comma"', '3,z'));
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { line: 2, values: ['1', 'x\r\ny'] },
      { line: 5, values: ['2', 'q "quoted", with comma'] },
      { line: 6, values: ['3', 'z'] },
    ]);
  });

  it('names the line of a broken quote', () => {
    expect(() => readCsv('a,b\n1,2\n3,"open\n')).toThrow(/^line 3: not readable as CSV/);
  });
});

describe('CSV controls', () => {
  it('creates controls; rows that cannot be read are rejected naming their line', async () => {
    const report = await env.ok({ content: CONTROLS });
    expect(report.format).toBe('CSV_CONTROLS');
    expect(count(report, 'controls').created).toBe(2);
    expect(report.rejected).toEqual([
      { location: 'line 6', reason: 'type "sometimes" is not one of PREVENTIVE, DETECTIVE, CORRECTIVE' },
      { location: 'line 7', reason: 'the control refId is empty' },
    ]);
    expect(await control('IAM-01')).toEqual({
      refId: 'IAM-01',
      title: 'Single sign-on',
      description: 'Everyone signs in through the IdP, with MFA',
      domain: 'Identity',
      type: 'PREVENTIVE',
      status: 'IMPLEMENTED',
      owner: 'it-sec',
    });
    expect(await control('LOG-01')).toMatchObject({ description: 'Logs are kept:\r\n- 1 year\r\n- tamper-evident', type: 'DETECTIVE', status: 'IN_PROGRESS', owner: null });
  });

  it('the same file again changes nothing', async () => {
    await env.ok({ content: CONTROLS });
    const again = await env.ok({ content: CONTROLS });
    expect(onlyUnchanged(again)).toBe(true);
    expect(count(again, 'controls').unchanged).toBe(2);
  });

  it('a changed status is applied and recorded in the status history; MERGE keeps what empty cells leave out, REPLACE clears it', async () => {
    await env.ok({ content: CONTROLS });
    const update = crlf('control,title,description,status', 'IAM-01,Single sign-on,,PLANNED');
    const merged = await env.ok({ content: update });
    expect(count(merged, 'controls').updated).toBe(1);
    expect(await control('IAM-01')).toMatchObject({ description: 'Everyone signs in through the IdP, with MFA', status: 'PLANNED', owner: 'it-sec' });
    const history = (await env.sql.all(`SELECT from_status AS "from", to_status AS "to", changed_by AS by FROM control_status_changes s JOIN controls c ON c.id = s.control_id WHERE c.ref_id = 'IAM-01' ORDER BY s.id`));
    expect(history).toEqual([
      { from: null, to: 'IMPLEMENTED', by: 'system:cli' },
      { from: 'IMPLEMENTED', to: 'PLANNED', by: 'system:cli' },
    ]);
    await env.ok({ content: update, mode: 'REPLACE' });
    expect(await control('IAM-01')).toMatchObject({ description: '', status: 'PLANNED', owner: 'it-sec' }); // no owner column: left as is
  });
});

describe('CSV mappings', () => {
  beforeEach(async () => {
    await env.ok({ content: CONTROLS });
  });

  const MAPPINGS = crlf(
    'framework,requirement,control,relationship,strength,rationale',
    'nist-sp800-53-rev5,AC-2,IAM-01,SUBSET_OF,8,"Accounts are managed in the IdP, centrally"',
    'nist-sp800-53-rev5,ac-2.1,IAM-01,intersects-with,,"uses the OSCAL id;',
    'spans two lines"',
    'nist-sp800-53-rev5,AU-2,LOG-01,covers,5,',
    'nist-sp800-53-rev5,AU-3,NOPE-99,EQUAL,,',
    'nist-sp800-53-rev5,ZZ-9,LOG-01,EQUAL,,',
    'nist-sp800-53-rev5,AU-6,LOG-01,equal,11,',
    'no-such-framework,AU-2,LOG-01,EQUAL,,',
    'nist-sp800-53-rev5,AU-2,LOG-01,EQUAL,,',
  );

  it('imports good rows; each bad row is rejected naming its line; unknown ids are listed together', async () => {
    const report = await env.ok({ content: MAPPINGS });
    expect(report.format).toBe('CSV_MAPPINGS');
    expect(report.rejected).toEqual([
      { location: 'line 5', reason: expect.stringMatching(/^relationship "covers" is not one of EQUAL, SUBSET_OF, SUPERSET_OF, INTERSECTS_WITH/) },
      { location: 'line 6', reason: 'control "NOPE-99" not found' },
      { location: 'line 7', reason: 'requirement "ZZ-9" in framework "nist-sp800-53-rev5" not found' },
      { location: 'line 8', reason: 'strength "11" is not a whole number from 1 to 10' },
      { location: 'line 9', reason: 'framework "no-such-framework" does not exist (requirement "AU-2")' },
    ]);
    expect(report.unresolved).toEqual([
      { kind: 'REQUIREMENT', frameworkRefId: 'nist-sp800-53-rev5', ids: ['ZZ-9'] },
      { kind: 'REQUIREMENT', frameworkRefId: 'no-such-framework', ids: ['AU-2'] },
      { kind: 'CONTROL', frameworkRefId: null, ids: ['NOPE-99'] },
    ]);
    expect(count(report, 'mappings').created).toBe(3);
    expect(await liveMappings()).toEqual([
      { requirement: 'AC-2', control: 'IAM-01', relationship: 'SUBSET_OF', strength: 8, rationale: 'Accounts are managed in the IdP, centrally' },
      { requirement: 'AC-2(1)', control: 'IAM-01', relationship: 'INTERSECTS_WITH', strength: null, rationale: 'uses the OSCAL id;\r\nspans two lines' },
      { requirement: 'AU-2', control: 'LOG-01', relationship: 'EQUAL', strength: null, rationale: '' },
    ]);
  });

  it('the same file again changes nothing; a dry run of a change reports it and writes nothing', async () => {
    await env.ok({ content: MAPPINGS });
    const again = await env.ok({ content: MAPPINGS });
    expect(onlyUnchanged(again)).toBe(true);
    expect(count(again, 'mappings').unchanged).toBe(3);

    const before = (await env.tableCounts());
    const changed = crlf('requirement,control,relationship,strength', 'AC-2,IAM-01,EQUAL,9', 'AU-12,LOG-01,SUBSET_OF,');
    const dry = await env.ok({ content: changed, frameworkRefId: 'nist-sp800-53-rev5', dryRun: true, mode: 'REPLACE' });
    expect(dry).toMatchObject({ dryRun: true, applied: false });
    expect(count(dry, 'mappings')).toEqual({ created: 1, updated: 1, unchanged: 0, retired: 2 });
    expect({ ...(await env.tableCounts()), audit_log: before.audit_log }).toEqual(before); // only the attempt's audit entry
  });

  it('MERGE updates a changed mapping with a new revision; REPLACE retires mappings of the file\'s frameworks it no longer has', async () => {
    await env.ok({ content: MAPPINGS });
    const changed = crlf('requirement,control,relationship,strength', 'AC-2,IAM-01,EQUAL,9', 'AU-12,LOG-01,SUBSET_OF,');
    const merged = await env.ok({ content: changed, frameworkRefId: 'nist-sp800-53-rev5' });
    expect(count(merged, 'mappings')).toEqual({ created: 1, updated: 1, unchanged: 0, retired: 0 });
    const revisions = await env.scalar(
      `SELECT count(*) FROM mapping_revisions v JOIN mappings m ON m.id = v.mapping_id JOIN requirements r ON r.id = m.requirement_id WHERE r.ref_id = 'AC-2'`,
    );
    expect(revisions).toBe(2);
    const replaced = await env.ok({ content: changed, frameworkRefId: 'nist-sp800-53-rev5', mode: 'REPLACE' });
    expect(count(replaced, 'mappings')).toEqual({ created: 0, updated: 0, unchanged: 2, retired: 2 });
    expect(await liveMappings()).toEqual([
      expect.objectContaining({ requirement: 'AC-2', relationship: 'EQUAL', strength: 9 }),
      expect.objectContaining({ requirement: 'AU-12', relationship: 'SUBSET_OF' }),
    ]);
    expect(await env.scalar('SELECT count(*) FROM mappings WHERE retired_at IS NOT NULL')).toBe(2);

    // A retired pair is not brought back by MERGE (with a warning), but is by REPLACE.
    const back = crlf('requirement,control,relationship', 'AU-2,LOG-01,EQUAL', 'AC-2,IAM-01,EQUAL');
    const mergeBack = await env.ok({ content: back, frameworkRefId: 'nist-sp800-53-rev5' });
    expect(count(mergeBack, 'mappings').created).toBe(0);
    expect(mergeBack.warnings).toContainEqual({ location: 'line 2', message: expect.stringContaining('was retired here; MERGE does not bring it back') });
  });

  it('requirement ids that match only when case is ignored are read that way, with one warning giving the count', async () => {
    await env.ok({ content: 'control,title\nCASE-01,Case check\n' });
    const report = await env.ok({ content: crlf('requirement,control,relationship', 'Au-6,CASE-01,EQUAL', 'aU-8,CASE-01,EQUAL', 'AU-9,CASE-01,EQUAL', 'Zz-1,CASE-01,EQUAL'), frameworkRefId: 'nist-sp800-53-rev5' });
    expect(report.warnings).toContainEqual({
      location: 'line 2',
      message: '2 id(s) match a requirement of framework "nist-sp800-53-rev5" only when case is ignored (e.g. "Au-6" → "au-6"); read case-insensitively',
    });
    expect(report.rejected).toEqual([{ location: 'line 5', reason: 'requirement "Zz-1" in framework "nist-sp800-53-rev5" not found' }]);
    const mapped = (await env.sql.column(`SELECT r.ref_id FROM mappings m JOIN requirements r ON r.id = m.requirement_id JOIN controls c ON c.id = m.control_id WHERE c.ref_id = 'CASE-01' ORDER BY r.ref_id`));
    expect(mapped).toEqual(['AU-6', 'AU-8', 'AU-9']);
  });

  it('refuses a file without the needed columns, naming line 1', async () => {
    const outcome = await env.run({ content: 'requirement,relationship\nAC-2,EQUAL\n', format: 'CSV_MAPPINGS' });
    expect(outcome.errors).toEqual([
      expect.objectContaining({ code: 'INVALID', message: expect.stringMatching(/^line 1: the header lacks the column\(s\) framework, control/) }),
    ]);
    const unknown = await env.run({ content: 'a,b\n1,2\n' });
    expect(unknown.errors[0]!.message).toMatch(/^line 1: cannot tell the format from the CSV header \(a, b\)/);
  });
});
