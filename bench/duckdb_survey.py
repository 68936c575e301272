"""A yardstick for the benchmark: the survey's institution and member counts (items 1-3, 9,
15 and 24-32 by founding type) as one DuckDB query over the same CSV files.

python3 bench/duckdb_survey.py DIR
"""

import sys

import duckdb

folder = sys.argv[1]
query = f"""
WITH m AS (
    SELECT institution,
           count(*) AS members,
           count(*) FILTER (WHERE status = 'formal') AS formal,
           count(*) FILTER (WHERE role = 'full_time') AS full_time,
           count(*) FILTER (WHERE role = 'part_time') AS part_time,
           count(*) FILTER (WHERE role = 'staff') AS staff,
           count(*) FILTER (WHERE org_relation = 'institution') AS rel_institution,
           count(*) FILTER (WHERE org_relation = 'association') AS rel_association,
           count(*) FILTER (WHERE org_relation = 'founder') AS rel_founder,
           count(*) FILTER (WHERE org_relation = 'former') AS rel_former,
           count(*) FILTER (WHERE org_relation = 'other') AS rel_other
    FROM read_csv('{folder}/members.csv', all_varchar = true)
    GROUP BY institution
)
SELECT i.founder_type,
       count(*) AS item1,
       sum(CAST(i.appraisers AS BIGINT)) AS item2,
       count(*) FILTER (WHERE coalesce(m.formal, 0) >= 3) AS item3,
       count(*) FILTER (WHERE coalesce(m.formal, 0) < 3 AND coalesce(m.members, 0) >= 1) AS item9,
       count(*) FILTER (WHERE coalesce(m.members, 0) = 0) AS item15,
       coalesce(sum(m.members), 0) AS item24,
       coalesce(sum(m.full_time), 0) AS item25,
       coalesce(sum(m.part_time), 0) AS item26,
       coalesce(sum(m.staff), 0) AS item27,
       coalesce(sum(m.rel_institution), 0) AS item28,
       coalesce(sum(m.rel_association), 0) AS item29,
       coalesce(sum(m.rel_founder), 0) AS item30,
       coalesce(sum(m.rel_former), 0) AS item31,
       coalesce(sum(m.rel_other), 0) AS item32
FROM read_csv('{folder}/institutions.csv', all_varchar = true) AS i
LEFT JOIN m ON m.institution = i.id
GROUP BY i.founder_type
ORDER BY i.founder_type
"""
for row in duckdb.sql(query).fetchall():
    print(",".join(str(value) for value in row))
