// The DuckDB side of bench/run: evaluates a snapshot with the SQL version of the rules
// (bench/duckdb/rules.sql) through @duckdb/node-api and writes decisions.csv in s1mig's format.
//
//   node bench/duckdb/run.mjs SNAPSHOT_DIR --as-of T --out FILE
//        [--amendments in-force|none|all|ID,ID] [--threads N] [--rules PACK.toml] [--profile FILE]
//        [--no-validation]
//
// Prints one JSON line: {"setup_ms", "query_ms", "total_ms", "rows", "threads", "duckdb", ...}.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const started = performance.now();
const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const o = { noValidation: false, amendments: 'in-force', threads: 2, rules: resolve(here, '../../rules/tmad.toml') };
  const rest = [];
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--as-of') o.asOf = next();
    else if (a === '--out') o.out = next();
    else if (a === '--amendments') o.amendments = next();
    else if (a === '--threads') o.threads = Number(next());
    else if (a === '--rules') o.rules = next();
    else if (a === '--no-validation') o.noValidation = true;  // take every row as valid
    else if (a === '--profile') o.profile = next();  // DuckDB's operator timings, as text, to this file
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1 || !o.asOf || !o.out) {
    throw new Error('usage: run.mjs SNAPSHOT_DIR --as-of T --out FILE [--amendments ...] [--threads N]');
  }
  o.dir = rest[0];
  return o;
}

// The few facts the SQL needs from the rule pack: the amendments' effective dates and the Null
// Certificate ID. (The SQL itself encodes the checks; this keeps dates and ids out of it.)
function readPack(path) {
  const text = readFileSync(path, 'utf8');
  const nullCert = /null_certificate_id\s*=\s*"([^"]*)"/.exec(text)?.[1] ?? '0000000000000000';
  const amendments = [];
  const re = /\[\[amendments\]\]\s*\nid\s*=\s*"([^"]+)"[\s\S]*?\neffective\s*=\s*(\d{4}-\d{2}-\d{2})/g;
  for (let m; (m = re.exec(text));) amendments.push({ id: m[1], effective: m[2] });
  return { nullCert, amendments };
}

function sqlString(s) {
  return s.replaceAll("'", "''");
}

// MPAN check digit (DATA.md): weighted sum of the first 12 digits, from the 13-digit number mpan_n.
function mpanSum() {
  const w = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];
  return w.map((k, i) => `mpan_n // ${10n ** BigInt(12 - i)} % 10 * ${k}`).join(' + ');
}

// Device columns of DATA.md validation, in column order; each column named once.
function deviceChecks() {
  const hex = "'[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){7}'";
  const parts = [];
  for (const [dev, required] of [['chf', true], ['esme', true], ['gsme', false], ['gpf', false], ['ihd', false]]) {
    const p = `${dev}_p`;
    const missing = required ? `(NOT ${p}) OR ` : '';
    let idCond = `${missing}(${p} AND ${dev}_id IS NULL) OR (${dev}_id IS NOT NULL AND NOT regexp_full_match(${dev}_id, ${hex}))`;
    if (dev === 'gsme') idCond += ' OR (gpf_p AND NOT gsme_p)';  // a GPF without a GSME
    if (dev === 'gpf') idCond += ' OR (gsme_p AND NOT gpf_p)';   // a GSME without a GPF
    parts.push(`CASE WHEN ${idCond} THEN '${dev}_id' END`);
    for (const col of ['model', 'fw'])
      parts.push(`CASE WHEN ${missing}(${p} AND ${dev}_${col} IS NULL) THEN '${dev}_${col}' END`);
  }
  return parts.join(',\n      ');
}

const o = parseArgs(process.argv.slice(2));
const pack = readPack(o.rules);

const instance = await DuckDBInstance.create(':memory:', { threads: String(o.threads) });
const con = await instance.connect();
const scalar = async (sql) => (await con.runAndReadAll(sql)).getRows()[0][0];

const londonDate = await scalar(
  `SELECT strftime(CAST(TIMESTAMPTZ '${sqlString(o.asOf)}' AT TIME ZONE 'Europe/London' AS DATE), '%Y-%m-%d')`);

// Amendment selection as docs/rules.md: in-force = effective on or before as_of's London date
// (rules_at = as_of); none; all; or an explicit list.
const applies = {};
for (const a of pack.amendments) {
  if (o.amendments === 'all') applies[a.id] = true;
  else if (o.amendments === 'none') applies[a.id] = false;
  else if (o.amendments === 'in-force') applies[a.id] = a.effective <= londonDate;
  else applies[a.id] = o.amendments.split(',').includes(a.id);
}

const params = {
  DIR: sqlString(resolve(o.dir)),
  OUT: sqlString(resolve(o.out)),
  AS_OF: sqlString(o.asOf),
  LONDON_DATE: londonDate,
  U1_PPMID: String(!!applies['U1-PPMID']),
  U1_GT01_72H: String(!!applies['U1-GT01-72H']),
  U1_IGT: String(!!applies['U1-IGT']),
  NULL_CERT: sqlString(pack.nullCert),
  VALIDATE: String(!o.noValidation),
  MPAN_SUM: mpanSum(),
  DEVICE_CHECKS: deviceChecks(),
};
// Comment lines go first (they name the parameters), then the parameters are filled in.
// Statements end with ';' at the end of a line.
const sql = readFileSync(resolve(here, 'rules.sql'), 'utf8')
  .split('\n').filter((l) => !/^\s*--/.test(l)).join('\n')
  .replace(/\{\{(\w+)\}\}/g, (_, k) => {
    if (!(k in params)) throw new Error(`rules.sql: unknown parameter ${k}`);
    return params[k];
  });
const statements = sql.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.length > 0);

await con.run("SET TimeZone = 'UTC'");
if (process.env.S1MIG_DUMP_SQL) { for (const s of statements) console.error("=== STATEMENT\n" + s); }
for (const s of statements.slice(0, -1)) await con.run(s);
if (o.profile) {  // the last statement's operator timings (profiling costs a little time)
  await con.run("SET enable_profiling = 'query_tree'");
  await con.run(`SET profiling_output = '${sqlString(resolve(o.profile))}'`);
}
const tQuery = performance.now();
const copied = await con.run(statements[statements.length - 1]);
const tDone = performance.now();
if (o.profile) await con.run('PRAGMA disable_profiling');

console.log(JSON.stringify({
  setup_ms: Math.round(tQuery - started),  // node start-up, DuckDB instance, as_of's London date
  query_ms: Math.round(tDone - tQuery),     // the COPY statement: read the CSVs, decide, write
  total_ms: Math.round(tDone - started),
  rows: Number(copied.rowsChanged),
  threads: o.threads,
  duckdb: await scalar('SELECT version()'),
  london_date: londonDate,
  amendments: applies,
  validation: !o.noValidation,
}));
