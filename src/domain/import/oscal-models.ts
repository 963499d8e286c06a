/**
 * The OSCAL models by their root key, to refuse the ones Crosswalk does not import by name
 * (whatever the encoding) instead of failing to guess a format.
 */
import { isObject } from '../catalog/untyped-data.js';

/** OSCAL models Crosswalk does not import → how people call them. */
const NOT_IMPORTED: Readonly<Record<string, string>> = {
  'system-security-plan': 'system security plan (SSP)',
  'component-definition': 'component definition',
  'plan-of-action-and-milestones': 'plan of action and milestones (POA&M)',
  'assessment-plan': 'assessment plan (SAP)',
  'assessment-results': 'assessment results (SAR)',
};

/** The refusal for a document whose root is an OSCAL model Crosswalk does not import, else null. */
export function unsupportedOscalModel(value: unknown): string | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value).filter((k) => k !== '$schema');
  if (keys.length !== 1) return null;
  const key = keys[0]!.replace(/_/g, '-');
  const model = NOT_IMPORTED[key];
  if (!model) return null;
  return `this is an OSCAL ${model} (root "${key}"), which Crosswalk does not import: it imports OSCAL catalogs, profiles and mapping-collections (in JSON, XML or YAML); import the catalog or profile it is based on instead`;
}
