"""Benchmark: SIMPEG import of a Pemda of 5,000 civil servants (and their positions).

Run with `make bench` (on the generated `eoffice_bench` database; everything is rolled back).
Prints the dry run, the first import and the idempotent second import, each as a ratio
against a baseline measured in the same run: a plain batched ORM create of the same
employees (no validation, no positions).
"""
import base64
import random
import sys
import time

import odoo
from odoo.modules.registry import Registry

N = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 5000


def make_csv(env):
    companies = env["res.company"].search([("is_skpd", "=", True)])
    units = {c.id: env["hr.department"].search([("company_id", "=", c.id), ("unit_code", "!=", False)])
             for c in companies}
    rnd = random.Random(7)
    lines = ["nip,nama,skpd_kode,unit_kode,golongan,jabatan,jabatan_kode,tingkat,atasan_kode,email"]
    for i in range(N):
        company = companies[(i // 10) % len(companies)]
        unit = units[company.id][:1]
        birth = 1970 + i % 25
        nip = f"{birth}{1 + i % 12:02d}{1 + i % 28:02d}{birth + 22 + i % 5}{1 + i % 12:02d}{1 + i % 2}" \
              f"{1 + (i // 600) % 999:03d}"
        superior = f"B{i - i % 10}" if i % 10 else ""
        lines.append(",".join([nip, f"Pegawai Bench {i}", company.skpd_code, unit.unit_code or "",
                               rnd.choice(["III/a", "III/b", "III/c", "IV/a"]), f"Jabatan Bench {i}", f"B{i}",
                               "pelaksana" if i % 10 else "IV", superior, ""]))
    return "\n".join(lines)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    db = sys.argv[sys.argv.index("--database") + 1]
    odoo.tools.config.parse_config(["-c", sys.argv[sys.argv.index("--config") + 1]])
    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        data = make_csv(env)
        wizard = env["eoffice.simpeg.import"].create({"file": base64.b64encode(data.encode()),
                                                     "filename": "bench.csv"})
        t_check, _ = timed(wizard.action_check)
        assert wizard.error_count == 0, wizard.report[:2000]
        cr.execute("SAVEPOINT baseline")
        rows = [line.split(",") for line in data.split("\n")[1:]]
        companies = {c.skpd_code: c.id for c in env["res.company"].search([("is_skpd", "=", True)])}
        t_base, _ = timed(lambda: env["hr.employee"].create(
            [{"name": r[1], "nip": r[0], "company_id": companies[r[2]]} for r in rows]))
        cr.execute("ROLLBACK TO SAVEPOINT baseline")
        env.invalidate_all()
        t_import, _ = timed(wizard.action_import)
        again = env["eoffice.simpeg.import"].create({"file": base64.b64encode(data.encode()),
                                                    "filename": "bench.csv"})
        t_again, _ = timed(again.action_import)
        print(f"rows: {N}")
        print(f"baseline: plain ORM create of {N} employees: {t_base:.2f} s")
        print(f"dry run (check):         {t_check:.2f} s  ratio {t_check / t_base:.2f}")
        print(f"first import (+positions, hierarchy): {t_import:.2f} s  ratio {t_import / t_base:.2f}")
        print(f"second import (no change): {t_again:.2f} s  ratio {t_again / t_base:.2f}")
        print(f"second import report: {again.report}")
        cr.rollback()


if __name__ == "__main__":
    main()
