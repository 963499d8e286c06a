/**
 * Permissions and which roles hold them. Every root field and every service operation names
 * exactly one permission; nothing is allowed by default.
 */
import type { Actor, Role } from './actor.js';

export const PERMISSIONS = {
  /** Read the graph. */
  READ: ['VIEWER', 'CONTRIBUTOR', 'REVIEWER', 'EDITOR', 'ADMIN'],
  /** Create evidence and attach it to controls. */
  EVIDENCE_CONTRIBUTE: ['CONTRIBUTOR', 'ADMIN'],
  /** Accept or reject evidence. */
  EVIDENCE_REVIEW: ['REVIEWER', 'ADMIN'],
  /** Manage frameworks, requirements, controls, mappings, links, AI systems, threats. */
  CATALOG_EDIT: ['EDITOR', 'ADMIN'],
  /** Manage tokens. */
  ADMIN: ['ADMIN'],
  /** Scrape `GET /metrics` (Prometheus). MONITOR holds nothing else: every root field refuses it. */
  METRICS: ['ADMIN', 'MONITOR'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isAllowed(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}
