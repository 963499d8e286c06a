/** The GraphQL operations the HTTP figures send (fields of schema/coverage.graphql). */

export const TYPENAME = '{ __typename }';

/** Figure (b): per-framework summaries of the organisation (default scope, now, crosswalks on). */
export const SUMMARY = `{ coverage { frameworks { framework { refId } total covered partial uncovered notApplicable coverageRatio } } }`;

/** Figure (c): the first page of one framework's gaps, as a gap list UI would show it. */
export const GAPS_FIRST_PAGE = `query Gaps($frameworkId: ID!) {
  gaps(filter: { frameworkId: $frameworkId }, first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { requirement { refId title } status inferred reasons { code controls { control { refId } state kind } } } }
  }
}`;

/** Figure (d): blast radius of one control in the organisation. */
export const CONTROL_IMPACT = `query Impact($controlId: ID!) {
  controlImpact(controlId: $controlId) {
    stateBefore
    requirements { requirement { refId } leaf before after }
    threats { threat { refId } before after }
    frameworks { framework { refId } before { covered partial uncovered } after { covered partial uncovered } }
  }
}`;

/** Figure (e): the write. */
export const EVIDENCE_REVIEW = `mutation Review($input: EvidenceReviewInput!) {
  evidenceReview(input: $input) { evidence { id status } userErrors { code message } }
}`;

/** Figure (h): the red-team request, 20 aliased assessmentResults at 20 instants (refused by cost). */
export const TWENTY_EXPORTS = (instants: readonly string[]) =>
  `{ ${instants.map((at, i) => `a${i}: assessmentResults(asOf: "${at}") { content }`).join(' ')} }`;

/**
 * Figure (h): the most exports one request may hold (two), at one instant; the documents are then
 * downloaded from their `downloadUrl` (docs/export-downloads.md).
 */
export const TWO_EXPORTS = (at: string) =>
  `{ a: assessmentResults(asOf: "${at}") { downloadUrl byteLength } b: coverageReport(asOf: "${at}", format: JSON) { downloadUrl byteLength } }`;
