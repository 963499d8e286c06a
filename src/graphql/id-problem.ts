/**
 * What is wrong with a value given for an id argument, worded for the person who sent it: the
 * argument, the type expected, and — when the value looks like a refId or a name — the argument
 * or query that takes one.
 */
import { decodeGlobalId } from '../domain/global-id.js';
import { keyProblem } from '../domain/keys.js';
import { LOOKUP_BY_KEY, type IdArgument } from './id-arguments.js';

/** "a Framework id", "an AISystem id", "a global id". */
export function idOf(type: IdArgument['type']): string {
  if (type === 'Node') return 'a global id';
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} id`;
}

/** The value as quoted in a message (long values shortened). */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

/**
 * null when `value` is a well-formed id of the declared type; otherwise the message.
 * `name` is how the argument is shown (`filter.frameworkId`), `key` the sibling argument that
 * takes the object's human key, if any.
 */
export function idProblem(name: string, value: string, declared: IdArgument, key?: string): string | null {
  const decoded = decodeGlobalId(value);
  if (decoded) {
    if (declared.type === 'Node' || decoded.type === declared.type) return null;
    return `${name}: ${quoted(value)} is ${idOf(decoded.type)}, not ${idOf(declared.type)}`;
  }
  const message = `${name}: ${quoted(value)} is not ${idOf(declared.type)}`;
  if (keyProblem(value) !== null) return `${message} (ids are the opaque \`id\` values the API returns)`;
  if (declared.type === 'Node') return `${message}; look ids up by key with framework(refId:), control(refId:), aiSystem(name:) and the like`;
  const lookup = LOOKUP_BY_KEY[declared.type];
  if (!lookup) return `${message} (ids are the opaque \`id\` values the API returns)`;
  if (declared.role === 'lookup') return `${message}; to select by ${lookup.key} use ${lookup.query}`;
  if (key) return `${message}; to select by ${lookup.key} use ${key}, or look the id up with ${lookup.query}`;
  return `${message}; look the id up with ${lookup.query}`;
}
