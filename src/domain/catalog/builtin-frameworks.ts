/**
 * Metadata of the frameworks built from the files shipped in `seeds/`: names, descriptions and
 * the provenance and licence facts recorded in each `seeds/<folder>/SOURCE.md`.
 */
import type { CatalogFramework } from './types.js';

/** Commit of cosai-oasis/secure-ai-tooling the CoSAI seed files were taken from. */
export const COSAI_COMMIT = '18ab1ef17e5c0b09ded45287fdd1977605de80ad';

const ATLAS_SOURCE =
  'MITRE, https://github.com/mitre-atlas/atlas-data, dist/ATLAS.yaml at commit ' +
  '8ee2c689a7d3c65ddf2bfe4950a4f3ecffa6f48b (tag v5.6.1; the file itself says version 5.6.0). ' +
  'Shipped as a byte copy in seeds/mitre-atlas/.';
const ATLAS_LICENSE =
  'Apache License 2.0, Copyright 2021-2025 MITRE. Redistribution requires the licence notice and attribution.';
const COSAI_SOURCE =
  'Coalition for Secure AI (CoSAI, an OASIS Open Project; evolved from Google\'s SAIF risk map), ' +
  `https://github.com/cosai-oasis/secure-ai-tooling, risk-map/yaml/{controls,risks}.yaml at commit ${COSAI_COMMIT} ` +
  '(main, 2026-08-19). Shipped as byte copies in seeds/cosai-risk-map/.';
const COSAI_LICENSE = 'Apache License 2.0 (the Risk Map content, risk-map/yaml/**, is licensed under Apache-2.0).';
const US_GOV_CC0 =
  'Public domain in the United States (U.S. Government work by NIST), plus a CC0 1.0 worldwide waiver.';

export const BUILTIN_FRAMEWORKS = {
  'nist-ai-rmf-1.0': {
    refId: 'nist-ai-rmf-1.0',
    name: 'NIST AI Risk Management Framework 1.0 (Core)',
    version: '1.0',
    kind: 'STANDARD',
    description:
      'The Core of the NIST Artificial Intelligence Risk Management Framework (AI RMF 1.0, NIST AI 100-1, ' +
      'January 2023): four functions (GOVERN, MAP, MEASURE, MANAGE) broken down into 19 categories and 72 ' +
      'subcategories of outcomes and actions for managing the risks of designing, developing, deploying and ' +
      'using AI systems. Statements are NIST\'s text as printed in Tables 1 to 4 of Section 5.',
    sourceNote:
      'NIST, NIST AI 100-1 (https://doi.org/10.6028/NIST.AI.100-1), Section 5, Tables 1-4. Not a byte copy of ' +
      'an upstream file: assembled from public copies of NIST\'s printed text and cross-checked against two ' +
      'independent extractions of the PDF (see seeds/nist-ai-rmf-1.0/SOURCE.md).',
    licenseNote: 'Public domain in the United States (U.S. Government work by NIST).',
  },
  'eu-ai-act': {
    refId: 'eu-ai-act',
    name: 'EU Artificial Intelligence Act (Regulation (EU) 2024/1689)',
    version: '2024/1689',
    kind: 'REGULATION',
    description:
      'Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence, as a community OSCAL ' +
      'catalog of the 50 operator-facing articles (Chapters I, II, III sections 1-3 and 5, IV, V, IX and XII), ' +
      'grouped by chapter and section: prohibited practices, classification and requirements of high-risk AI ' +
      'systems, obligations of providers, deployers, importers and distributors, transparency obligations, ' +
      'general-purpose AI models, post-market monitoring and penalties. The statements are condensed ' +
      'restatements, not quotations; the Official Journal text governs.',
    sourceNote:
      'olon-standards/eu-ai-act-oscal (maintainer Miltos Makridis), ' +
      'https://github.com/olon-standards/eu-ai-act-oscal, ' +
      'catalogs/eu-ai-act/catalog.json at commit ac24c9aeb9cb4dc1eaf2b414a653a1bb3fb0ed37 (release 0.1.1). ' +
      'Upstream says it reflects amendments by Regulation (EU) 2026/1744 (not independently verified); ' +
      'independent legal review is pending: treat as engineering data, not legal advice.',
    licenseNote:
      'Apache License 2.0 (repository LICENSE and NOTICE). EU legislative texts are reusable under the EU reuse ' +
      'policy; the Official Journal text is authoritative.',
  },
  'mitre-atlas': {
    refId: 'mitre-atlas',
    name: 'MITRE ATLAS Mitigations',
    version: '5.6.0',
    kind: 'CONTROL_CATALOG',
    description:
      'The mitigations of MITRE ATLAS (Adversarial Threat Landscape for Artificial-Intelligence Systems): ' +
      'security concepts and classes of technologies that can prevent an adversary technique against an ' +
      'AI-enabled system from succeeding. Each mitigation addresses the ATLAS techniques it lists; those ' +
      'techniques form the mitre-atlas-techniques threat catalog.',
    sourceNote: ATLAS_SOURCE,
    licenseNote: ATLAS_LICENSE,
  },
  'mitre-atlas-techniques': {
    refId: 'mitre-atlas-techniques',
    name: 'MITRE ATLAS Techniques',
    version: '5.6.0',
    kind: 'THREAT_CATALOG',
    description:
      'The techniques and sub-techniques of MITRE ATLAS, a knowledge base of adversary tactics and techniques ' +
      'against AI-enabled systems drawn from real-world attacks and red-team demonstrations. Each technique is ' +
      'linked to the ATLAS mitigations (framework mitre-atlas) that list it; techniques no mitigation lists are ' +
      'unmitigated in ATLAS itself.',
    sourceNote: ATLAS_SOURCE,
    licenseNote: ATLAS_LICENSE,
  },
  'cosai-risk-map-controls': {
    refId: 'cosai-risk-map-controls',
    name: 'CoSAI Risk Map Controls',
    version: '2026-08-19',
    kind: 'CONTROL_CATALOG',
    description:
      'The controls of the CoSAI Risk Map, the Coalition for Secure AI\'s map of security risks in the AI ' +
      'development lifecycle, grouped into data, infrastructure, model, application, assurance and governance ' +
      'categories. Each control names the CoSAI risks it addresses (assurance and governance controls apply to ' +
      'all risks) and, for some controls, the NIST AI RMF subcategories and MITRE ATLAS mitigations it maps to.',
    sourceNote: COSAI_SOURCE,
    licenseNote: COSAI_LICENSE,
  },
  'cosai-risk-map-risks': {
    refId: 'cosai-risk-map-risks',
    name: 'CoSAI Risk Map Risks',
    version: '2026-08-19',
    kind: 'THREAT_CATALOG',
    description:
      'The security risks of AI systems identified by the CoSAI Risk Map (Coalition for Secure AI), from data ' +
      'poisoning and model source tampering to prompt injection, sensitive data disclosure and rogue agent ' +
      'actions, each linked to the CoSAI controls (framework cosai-risk-map-controls) that address it.',
    sourceNote: COSAI_SOURCE,
    licenseNote: COSAI_LICENSE,
  },
  'nist-sp800-53-rev5': {
    refId: 'nist-sp800-53-rev5',
    name: 'NIST SP 800-53 Rev. 5 Security and Privacy Controls',
    version: '5.0.1',
    kind: 'STANDARD',
    description:
      'NIST Special Publication 800-53 Revision 5, Security and Privacy Controls for Information Systems and ' +
      'Organizations, from NIST\'s official OSCAL catalog (release 5.0.1): 20 control families, 322 base ' +
      'controls and 867 control enhancements, with parameters shown as NIST prints them ([Assignment: ...], ' +
      '[Selection: ...]). Withdrawn controls are kept, marked withdrawn, with where they were incorporated or moved.',
    sourceNote:
      'NIST, https://github.com/usnistgov/oscal-content, ' +
      'nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json ' +
      'at commit a849dbca4649e0cc626fefdd46cf5232c8308f4c (2021-06-08; catalog version 5.0.1, OSCAL 1.0.0). ' +
      'Newer releases (5.1.1, 5.2.0) add a few controls. Shipped as a byte copy in seeds/nist-sp800-53-rev5/.',
    licenseNote: US_GOV_CC0,
  },
  'nist-csf-2.0': {
    refId: 'nist-csf-2.0',
    name: 'NIST Cybersecurity Framework 2.0',
    version: '2.0',
    kind: 'STANDARD',
    description:
      'The Core of the NIST Cybersecurity Framework (CSF) 2.0, from NIST\'s official OSCAL catalog: 6 functions, ' +
      '22 categories and 106 subcategories of cybersecurity outcomes. The CSF 1.1 categories and subcategories ' +
      'that 2.0 withdrew are kept, marked withdrawn, with where they were incorporated or moved.',
    sourceNote:
      'NIST, https://github.com/usnistgov/oscal-content, nist.gov/CSF/v2.0/json/NIST_CSF_v2.0_catalog-min.json ' +
      'at commit 78650f02ad9321bb7b817846f8fbd4f2bcd620de (document version 1.2.0, OSCAL 1.2.2). Reassembled ' +
      'from a text index and believed, not verified, byte-identical to upstream (see seeds/nist-csf-2.0/SOURCE.md).',
    licenseNote: US_GOV_CC0,
  },
} as const satisfies Record<string, CatalogFramework>;

export type BuiltinFrameworkRefId = keyof typeof BUILTIN_FRAMEWORKS;

/** A mutable copy of one built-in framework's metadata. */
export function builtinFramework(refId: BuiltinFrameworkRefId): CatalogFramework {
  return { ...BUILTIN_FRAMEWORKS[refId] };
}
