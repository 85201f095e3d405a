"""Benchmark: budget planning of a kabupaten (code lists, price standard, RKA of every SKPD, roll-ups).

Run with `make bench` (on the generated `eoffice_bench` database; everything is rolled back).
Options: --skpd 50 --lines 50000 --items 20000 --sub-kegiatan 20 (sub kegiatan per plan); a quick
check is `--skpd 5 --lines 2000 --items 2000`.

In one transaction, rolled back at the end, it creates a new regulation and a new fiscal year using
it, then measures, each against a baseline measured in the same run on the same data:

1. the import wizard on a program nomenclature (40 bidang, 2,000 sub kegiatan, 2,524 codes) and on
   an account list (1,000 sub rincian objek, 1,263 codes), dry run and import. Baseline: a plain
   batched ORM create of the same codes, level by level (rolled back to a savepoint), so the ratio
   is the cost of reading, validating and diffing the file;
2. the import wizard on the price standard (dry run, import, and a second import of the same file
   that must change nothing). Baseline: a plain batched ORM create of the same items with their
   account mapping (rolled back to a savepoint). The raw SQL INSERT of the same items and mapping
   rows is printed too, with the ORM create's ratio to it: the floor under any ORM path;
3. SKPD (res.company) and one RKA each with its sub kegiatan (setup, timed but without baseline),
   then the detail lines, created per plan in one batched `create` as superuser: prices checked
   against the standard, amounts, related roll-up fields, activity and plan totals. Baseline: a
   raw SQL INSERT of the very same rows (values precomputed, outside the timer) into the real
   line table, with its indexes and foreign keys, followed by the two UPDATE ... GROUP BY that set
   activity and plan totals, then rolled back to a savepoint. That is the least any
   implementation must do to store these lines and their totals, so the ratio is the ORM's whole
   overhead. An ORM create without the stored computes is not a meaningful floor here: the
   related fields and totals are what the roll-ups read;
4. `flag_anomalies()` over every plan, right after the lines are created, as a new request would
   call it (empty ORM cache). The planner still sees the line table as at its last ANALYZE (a few
   demo lines): the state after any bulk load until autovacuum analyses the table. Its statements
   are cancelled after --timeout seconds (60), printed as a lower bound. Then ANALYZE;
5. roll-ups with an empty ORM cache: `read_group` of line amounts by SKPD, by program and by
   kegiatan, and plan totals via `search_read` (median of 5 runs). Baseline: the equivalent raw
   SQL (GROUP BY over the line table; SELECT of the stored plan totals); results are checked equal;
6. `flag_anomalies()` again, with the statistics fresh. Baseline of both anomaly runs: the
   per-item median aggregate of its query alone (the work any implementation must do), without
   the join back to the lines and without the writes.
"""
import base64
import csv
import io
import random
import statistics
import sys
import time

from psycopg2.errors import QueryCanceled

import odoo
from odoo.modules.registry import Registry
from odoo.tools import mute_logger


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


SKPD = option("--skpd", 50)
LINES = option("--lines", 50000)
ITEMS = option("--items", 20000)
SUBS_PER_PLAN = option("--sub-kegiatan", 20)
# flag_anomalies is cancelled after this many seconds when the line table's statistics are stale (see below)
TIMEOUT = option("--timeout", 60)
REPEAT = 5
# Program nomenclature: 4 urusan x 10 bidang x 2 programs x 5 kegiatan x 5 sub kegiatan = 2,000 sub kegiatan
URUSAN, BIDANG, PROGRAMS, KEGIATAN, SUB_KEGIATAN = 4, 10, 2, 5, 5
# Accounts: 1 akun x 2 kelompok x 5 jenis x 5 objek x 4 rincian x 5 sub rincian = 1,000 sub rincian objek
KELOMPOK, JENIS, OBJEK, RINCIAN, SUB_RINCIAN = 2, 5, 5, 4, 5
UOMS = ["buah", "rim", "OH", "OK", "paket", "unit", "lembar", "kali"]
# Items most lines use (ATK, honorarium, makan minum ...); the rest of the standard is used rarely
POPULAR_ITEMS = 1500
# The per-item medians flag_anomalies() compares lines with (the aggregate of its query, run alone)
MEDIANS_QUERY = """
    SELECT l.item_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY l.volume) AS median_volume,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY l.unit_price) AS median_price,
           count(*) AS n
      FROM eoffice_budget_plan_line l
      JOIN eoffice_budget_plan p ON p.id = l.plan_id
     WHERE p.kind = 'rka' AND p.fiscal_year_id IN %(years)s
       AND l.item_id IN (SELECT item_id FROM eoffice_budget_plan_line WHERE plan_id IN %(plans)s)
     GROUP BY l.item_id
    HAVING count(*) >= 3
"""


# ---------------------------------------------------------------------------------------------- data
def to_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def program_codes():
    """[(code, name, output, indicator, uom)] of the program nomenclature, parents first."""
    rows = []
    for u in range(1, URUSAN + 1):
        rows.append((f"{u}", f"Urusan Uji {u}", "", "", ""))
        for b in range(1, BIDANG + 1):
            bidang = f"{u}.{b:02d}"
            rows.append((bidang, f"Bidang Urusan Uji {bidang}", "", "", ""))
            for p in range(1, PROGRAMS + 1):
                program = f"{bidang}.{p:02d}"
                rows.append((program, f"Program Uji {program}", "", "", ""))
                for k in range(1, KEGIATAN + 1):
                    kegiatan = f"{program}.2.{k:02d}"
                    rows.append((kegiatan, f"Kegiatan Uji {kegiatan}", "", "", ""))
                    for s in range(1, SUB_KEGIATAN + 1):
                        sub = f"{kegiatan}.{s:04d}"
                        rows.append((sub, f"Sub Kegiatan Uji {sub}", f"Dokumen {sub} yang tersusun",
                                     "Jumlah dokumen", "dokumen"))
    return rows


def account_codes():
    """[(code, name)] of the account list, parents first."""
    rows = [("5", "Belanja Daerah")]
    for k in range(1, KELOMPOK + 1):
        kelompok = f"5.{k}"
        rows.append((kelompok, f"Kelompok Uji {kelompok}"))
        for j in range(1, JENIS + 1):
            jenis = f"{kelompok}.{j:02d}"
            rows.append((jenis, f"Jenis Uji {jenis}"))
            for o in range(1, OBJEK + 1):
                objek = f"{jenis}.{o:02d}"
                rows.append((objek, f"Objek Uji {objek}"))
                for r in range(1, RINCIAN + 1):
                    rincian = f"{objek}.{r:02d}"
                    rows.append((rincian, f"Rincian Objek Uji {rincian}"))
                    for s in range(1, SUB_RINCIAN + 1):
                        sub = f"{rincian}.{s:04d}"
                        rows.append((sub, f"Sub Rincian Objek Uji {sub}"))
    return rows


def price_items(accounts):
    """[{code, name, specification, uom, price, standard_type, accounts}] of the price standard."""
    rnd = random.Random(11)
    items = []
    for i in range(ITEMS):
        mapped = {accounts[i % len(accounts)]}
        if i % 3 == 0:
            mapped.add(accounts[(i * 7 + 3) % len(accounts)])
        if i % 10 == 0:
            mapped.add(accounts[(i * 13 + 5) % len(accounts)])
        items.append({
            "code": f"1.1.{7 + i % 3}.01.{i // 100:04d}.{i % 100:02d}", "name": f"Barang Uji {i}",
            "specification": f"Spesifikasi {i % 97}", "uom": UOMS[i % len(UOMS)],
            "price": float(500 * rnd.randint(2, 4000)),
            "standard_type": "ssh" if i % 10 < 7 else ("sbu" if i % 10 < 9 else "asb"),
            "accounts": sorted(mapped)})
    return items


def price_csv(items):
    def amount(i, price):
        # As spreadsheets write rupiah: 55000, 55.000 or 55.000,00
        grouped = f"{int(price):,}".replace(",", ".")
        return [f"{int(price)}", grouped, f"{grouped},00"][i % 3]

    return to_csv(["kode", "nama", "spesifikasi", "satuan", "harga", "jenis", "akun"], [
        [item["code"], item["name"], item["specification"], item["uom"], amount(i, item["price"]),
         item["standard_type"].upper(), " ".join(item["accounts"])] for i, item in enumerate(items)])


# ---------------------------------------------------------------------------------------------- timing
def timed(env, fn):
    """Seconds of fn() including the flush of what it wrote, and its result."""
    start = time.perf_counter()
    result = fn()
    env.flush_all()
    return time.perf_counter() - start, result


def rolled_back(env, fn):
    """timed(fn), then undo what fn wrote (a baseline writing the rows the measured path writes)."""
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_baseline")
    try:
        return timed(env, fn)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_baseline")
        env.invalidate_all()


def guarded(env, fn, timeout):
    """timed(fn) with every statement cancelled after timeout seconds: (seconds, False) when it was cancelled
    (and rolled back), else (seconds, True)."""
    cr = env.cr
    env.flush_all()
    cr.execute("SAVEPOINT bench_guard")
    cr.execute("SELECT set_config('statement_timeout', %s, true)", [f"{timeout}s"])
    try:
        with mute_logger("odoo.sql_db"):
            seconds, _result = timed(env, fn)
    except QueryCanceled:
        cr.execute("ROLLBACK TO SAVEPOINT bench_guard")
        env.clear()
        return timeout, False
    cr.execute("SELECT set_config('statement_timeout', '0', true)")
    cr.execute("RELEASE SAVEPOINT bench_guard")
    return seconds, True


def median_of(env, fn):
    """Median seconds of REPEAT runs of fn() with an empty ORM cache, and the last result."""
    times, result = [], None
    for _i in range(REPEAT):
        env.invalidate_all()
        seconds, result = timed(env, fn)
        times.append(seconds)
    return statistics.median(times), result


def wizard(env, import_type, data, **vals):
    return env["eoffice.budget.import"].create({
        "import_type": import_type, "file": base64.b64encode(data.encode()), "filename": f"{import_type}.csv",
        **vals})


def check_and_import(env, import_type, data, **vals):
    """(check seconds, import seconds, import wizard) of one file; fails on any bad row."""
    checking = wizard(env, import_type, data, **vals)
    t_check, _ = timed(env, checking.action_check)
    assert checking.error_count == 0, checking.report[:2000]
    importing = wizard(env, import_type, data, **vals)
    t_import, _ = timed(env, importing.action_import)
    return t_check, t_import, importing


def create_codes(env, kind, regulation, rows):
    """Plain ORM create of codes, one batch per depth (what the wizard does once the file is read)."""
    Code = env["eoffice.budget.code"]
    ids = {}
    for depth in sorted({len(row[0].split(".")) for row in rows}):
        batch = [row for row in rows if len(row[0].split(".")) == depth]
        vals_list = []
        for row in batch:
            code = row[0]
            parent = ".".join(code.split(".")[:3]) if kind == "program" and depth == 5 else \
                ".".join(code.split(".")[:-1])
            vals = {"kind": kind, "code": code, "name": row[1], "regulation_id": regulation.id,
                    "parent_id": ids.get(parent, False)}
            if kind == "program":
                vals.update(output=row[2] or False, indicator=row[3] or False, uom=row[4] or False)
            vals_list.append(vals)
        ids.update(zip([row[0] for row in batch], Code.create(vals_list).ids, strict=True))
    return ids


def sql_insert(cr, table, columns, types, rows):
    """INSERT the rows (tuples in the order of columns) in one statement through unnest(); returns the ids."""
    if not rows:
        return []
    arrays = [list(values) for values in zip(*rows, strict=True)]
    cr.execute(f"INSERT INTO {table} ({', '.join(columns)}) "
               f"SELECT * FROM unnest({', '.join(f'%s::{kind}[]' for kind in types)}) RETURNING id", arrays)
    return [row[0] for row in cr.fetchall()]


# ---------------------------------------------------------------------------------------------- bench
def main():
    db = sys.argv[sys.argv.index("--database") + 1]
    odoo.tools.config.parse_config(["-c", sys.argv[sys.argv.index("--config") + 1]])
    registry = Registry(db)
    figures = []  # (label, seconds, baseline label, baseline seconds, note, seconds is only a lower bound)

    def figure(label, seconds, base_label=None, base=None, note="", bound=False):
        figures.append((label, seconds, base_label, base, note, bound))

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        uid = env.uid
        regulation = env["eoffice.budget.regulation"].create({
            "name": f"Kepmendagri Uji Kinerja {time.time_ns()}", "date": "2030-01-01"})
        used = set(env["eoffice.budget.fiscal.year"].search([]).mapped("year"))
        year = env["eoffice.budget.fiscal.year"].create({
            "year": next(y for y in range(2100, 2000, -1) if y not in used), "regulation_id": regulation.id})

        # 1. code lists ----------------------------------------------------------------------------
        programs = program_codes()
        accounts = account_codes()
        for kind, rows, header in (("program", programs, ["kode", "nama", "kinerja", "indikator", "satuan"]),
                                   ("account", accounts, ["kode", "nama"])):
            t_base, _ = rolled_back(env, lambda kind=kind, rows=rows: create_codes(env, kind, regulation, rows))
            t_check, t_import, _w = check_and_import(env, kind, to_csv(header, rows), regulation_id=regulation.id)
            label = f"{kind} codes ({len(rows):,})"
            base_label = "ORM create of the codes"
            figure(f"{label}: baseline", t_base, note=base_label)
            figure(f"{label}: check", t_check, base_label, t_base)
            figure(f"{label}: import", t_import, base_label, t_base)
        cr.execute("SELECT code, id FROM eoffice_budget_code WHERE regulation_id = %s", [regulation.id])
        code_ids = dict(cr.fetchall())
        assert len(code_ids) == len(programs) + len(accounts)

        # 2. price standard ------------------------------------------------------------------------
        sub_rincian = [row[0] for row in accounts if len(row[0].split(".")) == 6]
        items = price_items(sub_rincian)
        data = price_csv(items)
        idr = env.ref("base.IDR").id
        item_vals = [{"code": item["code"], "name": item["name"], "specification": item["specification"],
                      "uom": item["uom"], "price": item["price"], "standard_type": item["standard_type"],
                      "fiscal_year_id": year.id,
                      "account_ids": [(6, 0, [code_ids[code] for code in item["accounts"]])]} for item in items]
        t_item_orm, _ = rolled_back(env, lambda: env["eoffice.budget.price.item"].create(item_vals))

        # Rupiah is stored on each item only if currency_id is a stored field
        stored = env["eoffice.budget.price.item"]._fields["currency_id"].store
        currency = [("currency_id", "int", idr)] if stored else []

        def items_sql():
            ids = sql_insert(cr, "eoffice_budget_price_item", [
                "code", "name", "specification", "uom", "price", "standard_type", "fiscal_year_id", "active",
                "create_uid", "write_uid", "create_date", "write_date", *[c[0] for c in currency]],
                ["varchar", "varchar", "varchar", "varchar", "numeric", "varchar", "int", "bool", "int", "int",
                 "timestamp", "timestamp", *[c[1] for c in currency]],
                [(v["code"], v["name"], v["specification"], v["uom"], v["price"], v["standard_type"], year.id, True,
                  uid, uid, "now", "now", *[c[2] for c in currency]) for v in item_vals])
            cr.execute("INSERT INTO eoffice_budget_price_item_account_rel (item_id, account_id) "
                       "SELECT * FROM unnest(%s::int[], %s::int[])",
                       list(map(list, zip(*[(item_id, account) for item_id, v in zip(ids, item_vals, strict=True)
                                            for account in v["account_ids"][0][2]], strict=True))))
        t_item_sql, _ = rolled_back(env, items_sql)
        base_label = "ORM create of the items"
        label = f"price items ({ITEMS:,})"
        figure(f"{label}: baseline", t_item_orm, note=base_label)
        figure(f"{label}: raw SQL INSERT", t_item_sql, note="items and account mapping, one statement each")
        figure(f"{label}: ORM create vs raw SQL", t_item_orm, "raw SQL INSERT", t_item_sql)
        t_check, t_import, _w = check_and_import(env, "price", data, fiscal_year_id=year.id)
        figure(f"{label}: check", t_check, base_label, t_item_orm)
        figure(f"{label}: import", t_import, base_label, t_item_orm)
        again = wizard(env, "price", data, fiscal_year_id=year.id)
        t_again, _ = timed(env, again.action_import)
        assert f"Imported: 0 new, 0 updated, {ITEMS} unchanged." == again.report, again.report
        figure(f"{label}: second import", t_again, base_label, t_item_orm, "changes nothing")
        cr.execute("SELECT code, id FROM eoffice_budget_price_item WHERE fiscal_year_id = %s", [year.id])
        item_ids = dict(cr.fetchall())
        assert len(item_ids) == ITEMS

        # 3. SKPD, plans, sub kegiatan, detail lines -----------------------------------------------
        main_company = env.ref("base.main_company")
        t_companies, companies = timed(env, lambda: env["res.company"].create([
            {"name": f"Dinas Uji Kinerja {i + 1:03d}", "is_skpd": True, "parent_id": main_company.id,
             "skpd_code": f"9.{i // 100:02d}.0.00.0.00.{i % 100:02d}.9999", "skpd_short_code": f"UJI-{i + 1:03d}"}
            for i in range(SKPD)]))
        figure(f"setup: {SKPD} SKPD (res.company)", t_companies, note="no baseline")
        subs = [row[0] for row in programs if len(row[0].split(".")) == 6]
        funding = env["eoffice.budget.funding.source"].search([])
        Plan = env["eoffice.budget.plan"]

        def create_plans():
            plans = Plan.create([{"company_id": company.id, "fiscal_year_id": year.id, "kind": "rka"}
                                 for company in companies])
            per_plan = min(SUBS_PER_PLAN, len(subs))
            env["eoffice.budget.plan.activity"].create([
                {"plan_id": plan.id, "sub_kegiatan_id": code_ids[subs[(p * 37 + j * 101) % len(subs)]],
                 "funding_source_id": funding[(p + j) % len(funding)].id, "target": 1 + j % 4,
                 "location": "Kabupaten Contoh"}
                for p, plan in enumerate(plans) for j in range(per_plan)])
            return plans

        t_plans, plans = timed(env, create_plans)
        figure(f"setup: {SKPD} RKA, {len(plans.sub_kegiatan_ids):,} sub kegiatan", t_plans, note="no baseline")

        # The lines: same values for the ORM and for the SQL baseline
        rnd = random.Random(3)
        item_by_index = [(item_ids[item["code"]], item) for item in items]
        lines_by_plan = []
        for p, plan in enumerate(plans):
            activities = plan.sub_kegiatan_ids
            vals_list = []
            for k in range(LINES // SKPD + (1 if p < LINES % SKPD else 0)):
                index = rnd.randrange(min(POPULAR_ITEMS, ITEMS)) if rnd.random() < 0.9 else rnd.randrange(ITEMS)
                item_id, item = item_by_index[index]
                # A line in a thousand is out of line (40 times the usual volume): what flag_anomalies catches
                vol1 = rnd.randint(1, 24) * (40 if k % 997 == 0 else 1)
                vol2 = 12 if index % 5 == 0 else 0  # items paid per month (honorarium, rent) are budgeted x 12 bulan
                vals_list.append({
                    "activity_id": activities[k % len(activities)].id, "item_id": item_id,
                    "account_id": code_ids[item["accounts"][k % len(item["accounts"])]],
                    "description": item["name"], "vol1": vol1, "uom1": item["uom"], "vol2": vol2,
                    "uom2": "bulan" if vol2 else False, "unit_price": float(round(item["price"] * rnd.choice(
                        [1, 1, 1, 0.95, 0.9]))), "tax_percent": 11.0 if k % 4 == 0 else 0.0})
            lines_by_plan.append(vals_list)
        total_lines = sum(len(vals_list) for vals_list in lines_by_plan)

        activity_info = {row["id"]: row for row in plans.sub_kegiatan_ids.read(
            ["plan_id", "company_id", "sub_kegiatan_id", "kegiatan_id", "program_id"], load=None)}
        line_columns = ["activity_id", "plan_id", "company_id", "fiscal_year_id", "plan_kind", "sub_kegiatan_id",
                        "kegiatan_id", "program_id", "account_id", "account_code", "item_id", "description",
                        "vol1", "uom1", "vol2", "uom2", "volume", "unit_price", "tax_percent", "amount",
                        "create_uid", "write_uid", "create_date", "write_date"]
        line_types = ["int", "int", "int", "int", "varchar", "int", "int", "int", "int", "varchar", "int",
                      "varchar", "numeric", "varchar", "numeric", "varchar", "numeric", "numeric", "numeric",
                      "numeric", "int", "int", "timestamp", "timestamp"]
        account_code = {value: key for key, value in code_ids.items()}
        sql_rows = []
        for vals_list in lines_by_plan:
            rows = []
            for v in vals_list:
                a = activity_info[v["activity_id"]]
                volume = v["vol1"] * (v["vol2"] or 1)
                rows.append((v["activity_id"], a["plan_id"], a["company_id"], year.id, "rka", a["sub_kegiatan_id"],
                             a["kegiatan_id"], a["program_id"], v["account_id"], account_code[v["account_id"]],
                             v["item_id"], v["description"], v["vol1"], v["uom1"], v["vol2"], v["uom2"] or None,
                             volume, v["unit_price"], v["tax_percent"],
                             round(volume * v["unit_price"] * (1 + v["tax_percent"] / 100), 2), uid, uid, "now",
                             "now"))
            sql_rows.append(rows)

        def lines_sql():
            for rows in sql_rows:
                sql_insert(cr, "eoffice_budget_plan_line", line_columns, line_types, rows)
            cr.execute("""UPDATE eoffice_budget_plan_activity a SET total = s.total
                            FROM (SELECT activity_id, SUM(amount) AS total FROM eoffice_budget_plan_line
                                   WHERE plan_id IN %s GROUP BY activity_id) s
                           WHERE s.activity_id = a.id""", [tuple(plans.ids)])
            cr.execute("""UPDATE eoffice_budget_plan p SET total = s.total
                            FROM (SELECT plan_id, SUM(total) AS total FROM eoffice_budget_plan_activity
                                   WHERE plan_id IN %s GROUP BY plan_id) s
                           WHERE s.plan_id = p.id""", [tuple(plans.ids)])

        t_lines_sql, _ = rolled_back(env, lines_sql)
        Line = env["eoffice.budget.plan.line"]
        queries = cr.sql_log_count
        t_lines, _ = timed(env, lambda: [Line.create(vals_list) for vals_list in lines_by_plan])
        queries = cr.sql_log_count - queries
        figure(f"lines ({total_lines:,}): baseline", t_lines_sql,
               note=f"raw SQL INSERT + totals, {total_lines / t_lines_sql:,.0f} lines/s")
        figure(f"lines ({total_lines:,}): ORM create per plan", t_lines, "raw SQL INSERT + totals", t_lines_sql,
               f"{total_lines / t_lines:,.0f} lines/s, {queries / total_lines * 1000:,.0f} queries per 1,000 lines")

        # 4. anomalies, right after the lines --------------------------------------------------------
        # In this transaction the planner still sees the line table as it was at its last ANALYZE (a few demo
        # lines): the state of the database after any bulk load, until autovacuum analyses the table.
        params = {"years": (year.id,), "plans": tuple(plans.ids)}
        base_label = "per-item medians GROUP BY"

        def flagged():
            return Line.search_count([("plan_id", "in", plans.ids), ("anomaly", "=", True)])

        env.invalidate_all()  # as in a new request: nothing of the lines in the ORM cache
        t_stale, done = guarded(env, plans.flag_anomalies, TIMEOUT)
        stale_note = f"{flagged()} flagged" if done else f"cancelled at the {TIMEOUT} s timeout"
        t_analyze, _ = timed(env, lambda: cr.execute("ANALYZE eoffice_budget_plan_line"))

        def medians_sql():
            cr.execute(MEDIANS_QUERY, params)
            return cr.fetchall()

        # Baseline of both runs: the aggregate every implementation needs, with the planner well informed
        t_medians, medians = median_of(env, medians_sql)
        figure(f"flag_anomalies, stale statistics ({SKPD} plans)", t_stale, base_label, t_medians, stale_note,
               bound=not done)
        figure("setup: ANALYZE eoffice_budget_plan_line", t_analyze, note="what autovacuum does after a load")

        # 5. roll-ups ------------------------------------------------------------------------------
        domain = [("fiscal_year_id", "=", year.id)]
        for group in ("company_id", "program_id", "kegiatan_id"):
            t_orm, groups = median_of(env, lambda group=group: Line.read_group(domain, ["amount:sum"], [group]))

            def by_sql(group=group):
                cr.execute(f"SELECT {group}, SUM(amount) FROM eoffice_budget_plan_line "
                           f"WHERE fiscal_year_id = %s GROUP BY {group}", [year.id])
                return cr.fetchall()

            t_sql, rows = median_of(env, by_sql)
            assert {g[group][0]: round(g["amount"], 2) for g in groups} == \
                {key: round(float(total), 2) for key, total in rows}, group
            figure(f"roll-up: read_group by {group.removesuffix('_id')} ({len(rows)} groups)", t_orm,
                   "SQL GROUP BY", t_sql)
        t_orm, totals = median_of(env, lambda: Plan.search_read(domain, ["total"]))

        def totals_sql():
            cr.execute("SELECT id, total FROM eoffice_budget_plan WHERE fiscal_year_id = %s", [year.id])
            return cr.fetchall()

        t_sql, _rows = median_of(env, totals_sql)
        cr.execute("SELECT plan_id, SUM(amount) FROM eoffice_budget_plan_line WHERE fiscal_year_id = %s "
                   "GROUP BY plan_id", [year.id])
        assert {plan["id"]: round(plan["total"], 2) for plan in totals} == \
            {key: round(float(total), 2) for key, total in cr.fetchall()}
        figure(f"roll-up: plan totals, search_read ({len(totals)} plans)", t_orm, "SQL SELECT", t_sql)

        # 6. anomalies with fresh statistics -------------------------------------------------------
        env.invalidate_all()
        queries = cr.sql_log_count
        t_flag, _ = timed(env, plans.flag_anomalies)
        queries = cr.sql_log_count - queries
        figure(f"flag_anomalies, after ANALYZE ({SKPD} plans)", t_flag, base_label, t_medians,
               f"{flagged()} flagged, {queries:,} queries; medians of {len(medians):,} items")
        cr.rollback()

    print(f"budget planning: {SKPD} SKPD x {min(SUBS_PER_PLAN, len(subs))} sub kegiatan, {total_lines:,} detail "
          f"lines, {ITEMS:,} price items (everything rolled back)")
    print(f"  {'figure':<52} {'time':>9}  {'ratio':>8}  baseline / note")
    for label, seconds, base_label, base, note, bound in figures:
        ratio = f"{'>' if bound else ''}{seconds / base:.2f}x".rjust(8) if base else " " * 8
        tail = "; ".join(filter(None, [f"vs {base_label} {base:.3f} s" if base else "", note]))
        print(f"  {label:<52} {'>' if bound else ' '}{seconds:6.3f} s  {ratio}  {tail}")


if __name__ == "__main__":
    main()
