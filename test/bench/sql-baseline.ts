/**
 * The baseline of figure (a): ONE hand-written SQL statement producing the per-framework rule-5
 * counts of the organisation scope at T without crosswalk inference — the lower bound for this
 * data. It implements rules 1–5 directly:
 *
 * - control status at T: the latest own row of control_status_changes with changed_at ≤ T
 *   (ties: larger id); a control without one does not exist yet;
 * - EFFECTIVE: status IMPLEMENTED and at least one current organisation-wide item of evidence
 *   (no AI system). Evidence currency reads the evidence row's latest-review columns, guarded by
 *   reviewed_at ≤ T: every review writes both the review row and these columns in one
 *   transaction, so at T = now they are the latest review as of T (the SQL is only used at now);
 *   CROSS JOIN pins the join order (per control, its evidence), which the planner otherwise gets
 *   wrong without ANALYZE statistics (it scanned all accepted evidence per control);
 * - mapping kind at T: live at T (created ≤ T, not retired at or before T), relationship of the
 *   latest revision with valid_from ≤ T (ties: larger id); FULL = EQUAL/SUBSET_OF;
 * - inheritance and liveness top-down with a recursive CTE: a requirement is live when it and all
 *   ancestors are not withdrawn; it inherits the strongest effective kind and the not-applicable
 *   flag (live global marks at T) of its ancestors;
 * - leaves: live requirements without a live (non-withdrawn) child.
 */
import type Sqlite from 'better-sqlite3';

export const BASELINE_SQL = `
WITH RECURSIVE
own_status AS MATERIALIZED (
  SELECT control_id, to_status FROM (
    SELECT control_id, to_status,
           row_number() OVER (PARTITION BY control_id ORDER BY changed_at DESC, id DESC) AS rn
    FROM control_status_changes
    WHERE ai_system_id IS NULL AND changed_at <= :t
  ) WHERE rn = 1
),
effective AS MATERIALIZED (
  SELECT s.control_id FROM own_status s
  WHERE s.to_status = 'IMPLEMENTED' AND EXISTS (
    SELECT 1 FROM evidence_controls ec CROSS JOIN evidence e ON e.id = ec.evidence_id
    WHERE ec.control_id = s.control_id
      AND e.ai_system_id IS NULL
      AND e.status = 'ACCEPTED' AND e.reviewed_at <= :t
      AND e.collected_at <= :t
      AND (e.valid_until IS NULL OR :t < e.valid_until))
),
own_kind AS MATERIALIZED (
  SELECT m.requirement_id AS id,
         max(CASE (SELECT r.relationship FROM mapping_revisions r
                   WHERE r.mapping_id = m.id AND r.valid_from <= :t
                   ORDER BY r.valid_from DESC, r.id DESC LIMIT 1)
               WHEN 'EQUAL' THEN 2 WHEN 'SUBSET_OF' THEN 2
               WHEN 'SUPERSET_OF' THEN 1 WHEN 'INTERSECTS_WITH' THEN 1
               ELSE 0 END) AS kind
  FROM mappings m
  WHERE m.control_id IN effective AND m.created_at <= :t AND (m.retired_at IS NULL OR :t < m.retired_at)
  GROUP BY m.requirement_id
),
na_marked AS MATERIALIZED (
  SELECT DISTINCT requirement_id AS id FROM not_applicable_marks
  WHERE ai_system_id IS NULL AND created_at <= :t AND (retired_at IS NULL OR :t < retired_at)
),
tree(id, framework_id, kind, na) AS (
  SELECT q.id, q.framework_id, coalesce(k.kind, 0), q.id IN na_marked
  FROM requirements q LEFT JOIN own_kind k ON k.id = q.id
  WHERE q.parent_id IS NULL AND q.withdrawn = 0
  UNION ALL
  SELECT q.id, q.framework_id, max(t.kind, coalesce(k.kind, 0)), t.na OR q.id IN na_marked
  FROM tree t JOIN requirements q ON q.parent_id = t.id LEFT JOIN own_kind k ON k.id = q.id
  WHERE q.withdrawn = 0
)
SELECT t.framework_id AS frameworkId,
       count(*) AS total,
       sum(NOT t.na AND t.kind = 2) AS covered,
       sum(NOT t.na AND t.kind = 1) AS partial,
       sum(NOT t.na AND t.kind = 0) AS uncovered,
       sum(t.na) AS notApplicable
FROM tree t
WHERE NOT EXISTS (SELECT 1 FROM requirements c WHERE c.parent_id = t.id AND c.withdrawn = 0)
GROUP BY t.framework_id
ORDER BY t.framework_id
`;

export interface FrameworkCounts {
  frameworkId: number;
  total: number;
  covered: number;
  partial: number;
  uncovered: number;
  notApplicable: number;
}

export function prepareBaseline(db: Sqlite.Database): (at: number) => FrameworkCounts[] {
  const statement = db.prepare(BASELINE_SQL);
  return (at) => statement.all({ t: at }) as FrameworkCounts[];
}
