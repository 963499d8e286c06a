/**
 * `npm run cli -- token create|list|revoke`: API tokens from the server's machine. The commands
 * run as the `system:cli` actor (an ADMIN) and are recorded in the audit trail like the
 * tokenCreate/tokenRevoke mutations.
 */
import { Command, Option } from 'commander';
import { CLI_ACTOR, ROLES, type Role } from '../domain/actor.js';
import { toGlobalId } from '../domain/global-id.js';
import { MAX_PAGE_SIZE, type PageRequest } from '../domain/paging.js';
import { hashToken, parseExpiry, TOKEN_PREFIX } from '../domain/tokens.js';
import type { Config } from '../config.js';
import type { Services } from '../services/index.js';
import { forOperation } from '../services/operation-scope.js';
import type { CreatedToken } from '../services/token-service.js';
import { byId, CliError, UsageError, describeUserErrors, withDatabase } from './shared.js';

type ApiTokenRow = CreatedToken['token'];

interface CreateOptions {
  name: string;
  role: Role;
  expires?: string;
  aiSystem?: string[];
  control?: string[];
}

export function tokenCommand(): Command {
  const token = new Command('token').description('create, list and revoke API tokens (runs as system:cli, audited)');

  token
    .command('create')
    .description('create an API token and print its secret (shown only this once)')
    .requiredOption('--name <name>', 'what the token is for, e.g. ci-uploader')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--expires <when>', 'lifetime (90d, 12h, 30m) or a future date (2027-01-01); default: never expires')
    .option('--ai-system <name...>', 'only attach evidence for these AI systems (by name)')
    .option('--control <refId...>', 'only attach evidence to these controls (by refId)')
    .action((options: CreateOptions) =>
      withDatabase(async ({ config, services }) => {
        const expiresAt = options.expires === undefined ? null : parseExpiry(options.expires, new Date());
        if (options.expires !== undefined && !expiresAt) {
          throw new UsageError(`--expires "${options.expires}": use a lifetime like 90d, 12h or 30m, or a future date like 2027-01-01`);
        }
        const unknown: string[] = [];
        const aiSystemIds = await resolveAll(options.aiSystem, unknown, 'AI system', '--ai-system', async (name) => (await services.aiSystems.findByName(CLI_ACTOR, name))?.id);
        const controlIds = await resolveAll(options.control, unknown, 'control', '--control', async (refId) => (await services.controls.findByRefId(CLI_ACTOR, refId))?.id);
        if (unknown.length) throw new CliError(unknown.join('; '));
        const result = await services.tokens.create(forOperation(CLI_ACTOR, 'tokenCreate'), {
          name: options.name,
          role: options.role,
          expiresAt,
          aiSystemIds,
          controlIds,
        });
        if (!result.ok) {
          throw new CliError(
            `token not created: ${describeUserErrors(result.errors, {
              'input.name': '--name',
              'input.expiresAt': '--expires',
              'input.aiSystemIds': '--ai-system',
              'input.controlIds': '--control',
            })}`,
          );
        }
        printCreated(result.value.token, result.value.secret, config, options);
      }),
    );

  token
    .command('list')
    .description('list API tokens in creation order (never their secrets)')
    .option('--all', 'include revoked tokens')
    .action((options: { all?: boolean }) =>
      withDatabase(async ({ services }) => {
        const rows = await allTokens(services, options.all ?? false);
        if (rows.length === 0) {
          console.log(options.all ? 'No tokens.' : 'No active tokens (use --all to include revoked ones).');
          return;
        }
        const names = await scopeNames(services, rows);
        const now = new Date();
        printTable(
          ['ID', 'PREFIX', 'NAME', 'ROLE', 'STATUS', 'EXPIRES', 'LAST USED', 'CREATED BY', 'SCOPE'],
          rows.map((t) => [
            String(t.id),
            t.prefix,
            t.name,
            t.role,
            t.revokedAt ? `revoked ${instant(t.revokedAt)}` : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active',
            t.expiresAt ? instant(t.expiresAt) : 'never',
            t.lastUsedAt ? instant(t.lastUsedAt) : 'never',
            t.createdBy + (t.fromEnvironment ? ' (CROSSWALK_ADMIN_TOKEN)' : ''),
            scopeText(t, names),
          ]),
        );
      }),
    );

  token
    .command('revoke')
    .description('revoke a token at once, by id or by the prefix shown in `token list`')
    .argument('<id-or-prefix>', 'the token id, its prefix (e.g. cwk_AbC123), or the whole secret')
    .action((reference: string) =>
      withDatabase(async ({ services }) => {
        const target = await findToken(services, reference);
        const result = await services.tokens.revoke(forOperation(CLI_ACTOR, 'tokenRevoke', { inputIds: [toGlobalId('ApiToken', target.id)] }), target.id);
        if (!result.ok) throw new CliError(`token ${target.id} "${target.name}" not revoked: ${describeUserErrors(result.errors, { 'input.id': reference })}`);
        console.log(`Revoked token ${target.id} "${target.name}" (${target.prefix}, ${target.role}). Requests with it are refused from now on.`);
        if (target.fromEnvironment) {
          console.log('It came from CROSSWALK_ADMIN_TOKEN: give the server a new value, it refuses to start with a revoked one.');
        }
      }),
    );

  return token;
}

/** Row ids for names; unknown names are added to `problems`, to be reported all at once. */
async function resolveAll(
  names: string[] | undefined,
  problems: string[],
  what: string,
  option: string,
  find: (name: string) => Promise<number | undefined>,
): Promise<number[] | null> {
  if (!names?.length) return null;
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const id = await find(name);
    if (id === undefined) unknown.push(name);
    else ids.push(id);
  }
  if (unknown.length) problems.push(`${option}: no ${what} named ${unknown.map((n) => `"${n}"`).join(', ')}`);
  return ids;
}

function printCreated(token: ApiTokenRow, secret: string, config: Config, options: CreateOptions): void {
  const scope = [
    options.control?.length ? `controls ${options.control.join(', ')}` : null,
    options.aiSystem?.length ? `AI systems ${options.aiSystem.join(', ')}` : null,
  ].filter(Boolean);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(
    [
      `Created API token ${token.id} "${token.name}": role ${token.role}, ` +
        `${token.expiresAt ? `expires ${instant(token.expiresAt)}` : 'never expires'}` +
        `${scope.length ? `, evidence only for ${scope.join(' and ')}` : ''}.`,
      '',
      'Its secret is shown only this once and cannot be recovered; store it now (e.g. in your CI secret store):',
      '',
      `    ${secret}`,
      '',
      'Send it as a bearer token with every request, for example:',
      '',
      `    curl -H "Authorization: Bearer $CROSSWALK_TOKEN" -H 'content-type: application/json' \\`,
      `      -d '{"query":"{ viewer { name role } }"}' http://${host}:${config.port}/graphql`,
      '',
      `Revoke it with: npm run cli -- token revoke ${token.prefix}`,
    ].join('\n'),
  );
}

async function allTokens(services: Services, includeRevoked: boolean): Promise<ApiTokenRow[]> {
  const rows: ApiTokenRow[] = [];
  let page: PageRequest = { first: MAX_PAGE_SIZE, after: null };
  for (;;) {
    const { items, hasNextPage } = await services.tokens.list(CLI_ACTOR, { includeRevoked }, page);
    rows.push(...items);
    if (!hasNextPage || items.length === 0) return rows;
    // Tokens are listed in id order (their sort key is the id).
    page = { first: MAX_PAGE_SIZE, after: [items.at(-1)!.id] };
  }
}

/**
 * The one token meant by `reference`: a numeric id, a whole secret, or (a leading part of) the
 * listed prefix. An ambiguous or unknown reference is an error, never a guess.
 */
async function findToken(services: Services, reference: string): Promise<ApiTokenRow> {
  const tokens = await allTokens(services, true);
  if (/^[1-9][0-9]*$/.test(reference)) {
    const byId = tokens.find((t) => t.id === Number(reference));
    if (!byId) throw new CliError(`no token with id ${reference} (see \`token list --all\`)`);
    return byId;
  }
  const bySecret = tokens.find((t) => t.tokenHash === hashToken(reference));
  if (bySecret) return bySecret;
  const minimum = TOKEN_PREFIX.length + 2;
  if (reference.length < minimum) throw new CliError(`"${reference}" is too short: give the token id or at least ${minimum} characters of its prefix`);
  const matches = tokens.filter((t) => t.prefix.startsWith(reference));
  if (matches.length === 0) throw new CliError(`no token with id or prefix "${reference}" (see \`token list --all\`)`);
  if (matches.length > 1) {
    throw new CliError(`"${reference}" matches ${matches.length} tokens (ids ${matches.map((t) => t.id).join(', ')}); give the id`);
  }
  return matches[0]!;
}

interface ScopeNames {
  controls: Map<number, string>;
  aiSystems: Map<number, string>;
}

async function scopeNames(services: Services, rows: readonly ApiTokenRow[]): Promise<ScopeNames> {
  return {
    controls: byId(await services.controls.findByIds(CLI_ACTOR, rows.flatMap((t) => t.scopeControlIds ?? [])), (c) => c.refId),
    aiSystems: byId(await services.aiSystems.findByIds(CLI_ACTOR, rows.flatMap((t) => t.scopeAiSystemIds ?? [])), (s) => s.name),
  };
}

function scopeText(token: ApiTokenRow, names: ScopeNames): string {
  const parts: string[] = [];
  if (token.scopeControlIds) parts.push(`controls ${token.scopeControlIds.map((id) => names.controls.get(id) ?? `#${id} (deleted)`).join(',')}`);
  if (token.scopeAiSystemIds) parts.push(`AI systems ${token.scopeAiSystemIds.map((id) => names.aiSystems.get(id) ?? `#${id} (deleted)`).join(',')}`);
  return parts.length ? parts.join('; ') : '-';
}

/** An instant to the second, UTC. */
const instant = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  }
}
