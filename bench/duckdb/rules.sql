-- The s1mig rules (docs/rules.md, the spec's DOMAIN.md and DATA.md) as DuckDB SQL, for the
-- comparison in bench/run. bench/duckdb/run.mjs fills in the {{...}} parameters and runs it: one
-- COPY statement that writes decisions.csv in s1mig's format (docs/formats.md) and row order.
--
-- Parameters:
--   {{DIR}}            snapshot directory (the six CSV files of DATA.md)
--   {{OUT}}            decisions.csv to write
--   {{AS_OF}}          as_of, ISO 8601 with offset
--   {{LONDON_DATE}}    as_of's date in Europe/London (YYYY-MM-DD), computed by run.mjs
--   {{U1_PPMID}}, {{U1_GT01_72H}}, {{U1_IGT}}   true/false: which amendments apply
--   {{NULL_CERT}}      the pack's Null Certificate ID
--   {{VALIDATE}}       true: DATA.md validation (INVALID rows) as below; false: every row taken as
--                      valid (a lower bound on DuckDB's time, for the note in bench/README.md)
--   {{MPAN_SUM}}       the MPAN check-digit weighted sum of the first 12 digits of mpan_n (generated)
--   {{DEVICE_CHECKS}}  the device columns' validity, chf_id .. ihd_fw in DATA.md order (generated)
--
-- What is and is not covered (see bench/README.md): every check, every exemption, the display
-- classification and the EPCL lookup as docs/rules.md reads them; validation covers every INVALID
-- rule of DATA.md that `s1mig generate --invalid-rate` can produce, and most others, but not the
-- 64 KiB field limit, the 1,024-entry whitelist limit, timestamps' exact strictness at the edges
-- (24:00:00, leap seconds, digits beyond microseconds) nor malformed rows of the reference files
-- (the generator writes none). Records with too few fields are not handled either.

-- One statement: every table is a CTE. (A CREATE TABLE of the 27-column inventory measured about
-- 4 times slower than a materialized CTE in DuckDB 1.5, so nothing is stored as a table.)
-- row_number() OVER () over a CSV scan numbers rows in input order (insertion order is preserved);
-- bench/run's row-by-row comparison with s1mig's decisions.csv checks it.
COPY (
WITH
-- The inventory, all text, columns found by header name (any order). rid = input order.
inv AS MATERIALIZED (
  SELECT row_number() OVER () AS rid, *
  FROM read_csv('{{DIR}}/inventory.csv', header = true, all_varchar = true, delim = ',',
                quote = '"', escape = '"', sample_size = 1)
),
-- Registration Data: the MPRN's exact text -> Gas Transporter; a repeated MPRN keeps its first row.
reg AS (
  SELECT mprn, arg_min(gas_transporter, rn) AS gt
  FROM (SELECT row_number() OVER () AS rn, mprn, gas_transporter
        FROM read_csv('{{DIR}}/registration.csv', header = true, all_varchar = true, delim = ',',
                      quote = '"', escape = '"', sample_size = 1))
  WHERE mprn IS NOT NULL GROUP BY mprn
),
-- Certificates: cert_id -> owning party; a repeated certificate keeps its first row.
cert AS (
  SELECT cert_id, arg_min(party_id, rn) AS party
  FROM (SELECT row_number() OVER () AS rn, cert_id, party_id
        FROM read_csv('{{DIR}}/certificates.csv', header = true, all_varchar = true, delim = ',',
                      quote = '"', escape = '"', sample_size = 1))
  WHERE cert_id IS NOT NULL GROUP BY cert_id
),
-- iGT MPRN ranges, inclusive, compared as numbers.
igt AS (
  SELECT TRY_CAST(first_mprn AS UBIGINT) AS lo, TRY_CAST(last_mprn AS UBIGINT) AS hi
  FROM read_csv('{{DIR}}/igt_mprn_ranges.csv', header = true, all_varchar = true, delim = ',',
                quote = '"', escape = '"', sample_size = 1)
),
-- EPCL entries listed on or before as_of's London date, as 10-column keys ('' = absent device).
epcl AS (
  SELECT DISTINCT coalesce(chf_model, '') AS chf_model, coalesce(chf_fw, '') AS chf_fw,
         coalesce(esme_model, '') AS esme_model, coalesce(esme_fw, '') AS esme_fw,
         coalesce(gsme_model, '') AS gsme_model, coalesce(gsme_fw, '') AS gsme_fw,
         coalesce(gpf_model, '') AS gpf_model, coalesce(gpf_fw, '') AS gpf_fw,
         coalesce(ppmid_model, '') AS ppmid_model, coalesce(ppmid_fw, '') AS ppmid_fw,
         true AS listed
  FROM read_csv('{{DIR}}/epcl.csv', header = true, all_varchar = true, delim = ',',
                quote = '"', escape = '"', sample_size = 1)
  WHERE TRY_CAST(listed_on AS DATE) <= DATE '{{LONDON_DATE}}'
),
-- Each display model's latest DMCT assessment dated on or before as_of's London date (same date:
-- the later row wins).
standing AS (
  SELECT ppmid_model, ppmid_fw, epcl_data AS latest
  FROM (SELECT row_number() OVER () AS rn, *
        FROM read_csv('{{DIR}}/ppmid_assessments.csv', header = true, all_varchar = true, delim = ',',
                      quote = '"', escape = '"', sample_size = 1))
  WHERE TRY_CAST(assessed_on AS DATE) <= DATE '{{LONDON_DATE}}'
  QUALIFY row_number() OVER (PARTITION BY ppmid_model, ppmid_fw
                             ORDER BY TRY_CAST(assessed_on AS DATE) DESC, rn DESC) = 1
),
-- MPRNs (exact text) inside an iGT range.
igt_mprn AS (
  SELECT DISTINCT inv.mprn FROM inv JOIN igt ON TRY_CAST(inv.mprn AS UBIGINT) BETWEEN igt.lo AND igt.hi
),
-- Ids seen more than once: every row after the first is INVALID (installation_id).
dup_first AS (
  SELECT installation_id, min(rid) AS first_rid FROM inv
  WHERE installation_id IS NOT NULL GROUP BY installation_id HAVING count(*) > 1
),
p AS (  -- presence of each device, parsed values
  SELECT inv.*,
         (chf_id IS NOT NULL OR chf_model IS NOT NULL OR chf_fw IS NOT NULL) AS chf_p,
         (esme_id IS NOT NULL OR esme_model IS NOT NULL OR esme_fw IS NOT NULL) AS esme_p,
         (gsme_id IS NOT NULL OR gsme_model IS NOT NULL OR gsme_fw IS NOT NULL) AS gsme_p,
         (gpf_id IS NOT NULL OR gpf_model IS NOT NULL OR gpf_fw IS NOT NULL) AS gpf_p,
         (ihd_id IS NOT NULL OR ihd_model IS NOT NULL OR ihd_fw IS NOT NULL) AS ihd_p,
         CASE WHEN regexp_full_match(gsme_last_comms,
                   '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})')
              THEN TRY_CAST(gsme_last_comms AS TIMESTAMPTZ) END AS last_ts,
         TRY_CAST(mpan AS BIGINT) AS mpan_n,
         d.first_rid
  FROM inv LEFT JOIN dup_first d ON {{VALIDATE}} AND d.installation_id = inv.installation_id
),
bad AS (  -- DATA.md "Validation": the invalid columns, in DATA.md column order
  SELECT p.*,
    CASE WHEN NOT {{VALIDATE}} THEN '' ELSE concat_ws(';',
      CASE WHEN installation_id IS NULL OR (first_rid IS NOT NULL AND rid > first_rid) THEN 'installation_id' END,
      CASE WHEN cohort IS NULL OR cohort NOT IN ('IOC', 'MOC_MDS', 'MOC_SECURE', 'FOC') THEN 'cohort' END,
      CASE WHEN group_id IS NULL OR NOT regexp_full_match(group_id, '[A-Z]{2}') THEN 'group_id' END,
      CASE WHEN meter_mode IS NULL OR meter_mode NOT IN ('ACTIVE', 'DORMANT', 'MIXED') THEN 'meter_mode' END,
      CASE WHEN mpan IS NULL OR NOT regexp_full_match(mpan, '[0-9]{13}')
                OR ({{MPAN_SUM}}) % 11 % 10 <> mpan_n % 10 THEN 'mpan' END,
      CASE WHEN mprn IS NOT NULL AND NOT regexp_full_match(mprn, '[0-9]{6,10}') THEN 'mprn'
           WHEN mprn IS NULL AND gsme_p THEN 'mprn' END,
      {{DEVICE_CHECKS}},
      CASE WHEN ihd_upgradable IS NOT NULL AND ihd_upgradable NOT IN ('true', 'false') THEN 'ihd_upgradable'
           WHEN ihd_upgradable IS NULL AND ihd_p THEN 'ihd_upgradable' END,
      CASE WHEN chf_whitelist IS NOT NULL AND NOT regexp_full_match(chf_whitelist,
                '[ \t]*([0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){7})?[ \t]*(;[ \t]*([0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){7})?[ \t]*)*')
           THEN 'chf_whitelist' END,
      CASE WHEN gsme_last_comms IS NOT NULL AND (last_ts IS NULL OR last_ts > TIMESTAMPTZ '{{AS_OF}}')
           THEN 'gsme_last_comms' END,
      CASE WHEN gpf_p AND network_cert_id IS NULL THEN 'network_cert_id' END
    ) END AS invalid_cols
  FROM p
),
facts AS (  -- what the row's data says (valid rows only need it)
  SELECT b.*,
    -- SEC Section A "SMETS1 PPMID", TMAD clause 3.1(g) as varied by U1-PPMID
    CASE WHEN NOT ihd_p THEN 'NONE'
         WHEN ihd_upgradable = 'false' THEN 'IHD'
         WHEN {{U1_PPMID}} AND s.latest = 'UNOBTAINABLE' THEN 'IHD'
         ELSE 'PPMID' END AS display_class,
    s.latest AS display_latest,
    -- GT01 (TMAD App. A, Table A3 step 4): cohorts IOC, MOC_MDS, MOC_SECURE with a GSME
    (gsme_p AND cohort IN ('IOC', 'MOC_MDS', 'MOC_SECURE')) AS gt01_applies,
    -- whitelist entries are validated Device IDs, so a case-insensitive substring match of the
    -- GSME's id is exactly membership
    contains(upper(chf_whitelist), upper(gsme_id)) AS on_whitelist,
    (last_ts IS NOT NULL AND
     last_ts >= TIMESTAMPTZ '{{AS_OF}}' -
       to_hours(CASE WHEN {{U1_GT01_72H}} AND group_id IN ('AA', 'BA', 'CA', 'CB') THEN 72 ELSE 24 END))
      AS comms_ok,
    -- TMAD Table 5.10 step 5.10.17 with its exemptions
    (network_cert_id = '{{NULL_CERT}}') AS null_cert,
    ({{U1_IGT}} AND i.mprn IS NOT NULL) AS igt_exempt,
    (r.gt IS NOT NULL AND c.party IS NOT NULL AND r.gt = c.party) AS party_ok
  FROM bad b
  LEFT JOIN standing s ON s.ppmid_model = b.ihd_model AND s.ppmid_fw = b.ihd_fw
  LEFT JOIN reg r ON r.mprn = b.mprn
  LEFT JOIN cert c ON c.cert_id = b.network_cert_id
  LEFT JOIN igt_mprn i ON i.mprn = b.mprn
  WHERE b.invalid_cols = ''
),
decided AS (
  SELECT f.rid, f.installation_id, f.display_class,
    concat_ws(';',
      CASE WHEN gt01_applies AND NOT coalesce(on_whitelist, false) THEN 'GT01_WHITELIST' END,
      CASE WHEN gt01_applies AND NOT comms_ok THEN 'GT01_COMMS' END,
      CASE WHEN gpf_p AND NOT coalesce(null_cert, false) AND NOT igt_exempt AND NOT party_ok THEN 'NETWORK_PARTY' END,
      CASE WHEN e.listed IS NULL THEN
        CASE WHEN f.display_class = 'PPMID' AND f.display_latest = 'UNOBTAINABLE' THEN 'PPMID_EPCL_DATA'
             ELSE 'EPCL_DMC' END END
    ) AS reasons
  FROM facts f
  LEFT JOIN epcl e
    ON  e.chf_model = coalesce(f.chf_model, '') AND e.chf_fw = coalesce(f.chf_fw, '')
    AND e.esme_model = coalesce(f.esme_model, '') AND e.esme_fw = coalesce(f.esme_fw, '')
    AND e.gsme_model = coalesce(f.gsme_model, '') AND e.gsme_fw = coalesce(f.gsme_fw, '')
    AND e.gpf_model = coalesce(f.gpf_model, '') AND e.gpf_fw = coalesce(f.gpf_fw, '')
    AND e.ppmid_model = CASE WHEN f.display_class = 'PPMID' THEN coalesce(f.ihd_model, '') ELSE '' END
    AND e.ppmid_fw = CASE WHEN f.display_class = 'PPMID' THEN coalesce(f.ihd_fw, '') ELSE '' END
)
SELECT installation_id, outcome, reasons, display_class FROM (
  SELECT rid, installation_id,
         CASE WHEN reasons = '' THEN 'ELIGIBLE' ELSE 'BLOCKED' END AS outcome,
         nullif(reasons, '') AS reasons,
         display_class
  FROM decided
  UNION ALL
  SELECT rid, installation_id, 'INVALID', invalid_cols, 'NONE'
  FROM bad WHERE invalid_cols <> ''
)
ORDER BY rid  -- decisions.csv is in input order
) TO '{{OUT}}' (FORMAT csv, HEADER true, DELIMITER ',');
