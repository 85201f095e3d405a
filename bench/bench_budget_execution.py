"""Benchmark: budget availability check and posting throughput on a DPA.

Run with `make bench` (everything is rolled back). The Diskominfo operator posts N
commitments (SPP/SPM) of Rp 1.000 on the lines of the 2026 DPA, each going through the full
check (line, cash plan to the month, SPD) under the sub kegiatan's row lock and updating the
running totals. Baselines measured in the same run: for the check, a plain SQL read of the
line's remaining amount; for posting, a plain SQL INSERT of the same ledger rows.
"""
import datetime
import time

from benchlib import as_user, environment, median_seconds, option, queries, row, sql_reinsert_seconds

N = option("--postings", 300)
POSTING_COLUMNS = ["line_id", "activity_id", "plan_id", "company_id", "fiscal_year_id", "account_id", "program_id",
                   "kegiatan_id", "sub_kegiatan_id", "date", "amount", "state", "spm_number", "description", "name"]


def main():
    with environment() as env:
        ref = env.ref
        operator = ref("eoffice_budget.user_operator_kominfo")
        dpa = env["eoffice.budget.plan"].search([("kind", "=", "dpa"), ("company_id", "=", operator.company_id.id),
                                                 ("fiscal_year_id", "=", ref("eoffice_budget.fiscal_year_2026").id)])
        uenv = as_user(env, operator)
        lines = uenv["eoffice.budget.plan.line"].browse(
            dpa.line_ids.filtered(lambda line: line.available_amount > N * 1000).ids)
        assert lines, "the demo DPA has no line with room for the benchmark"
        date = datetime.date(2026, 6, 30)  # within the SPD months (January to June) of the demo
        line = lines[0]

        def check():
            line._check_available(1000.0, date)

        def check_sql():
            env.cr.execute("SELECT amount - committed_amount - realized_amount FROM eoffice_budget_plan_line "
                           "WHERE id = %s", [line.id])
            return env.cr.fetchone()[0] >= 1000

        check_time = median_seconds(check, 50, env.invalidate_all)
        base_time = median_seconds(check_sql, 50)
        env.invalidate_all()
        check_queries = queries(env, check)

        Realization = uenv["eoffice.budget.realization"]
        env.cr.execute("SAVEPOINT orm")
        before = env.cr.sql_log_count
        start = time.perf_counter()
        for i in range(N):
            Realization.create({"line_id": lines[i % len(lines)].id, "amount": 1000.0, "date": date,
                                "state": "committed", "spm_number": f"SPM-BENCH-{i}",
                                "description": "Benchmark"})
        env.flush_all()
        post = (time.perf_counter() - start) / N
        post_queries = (env.cr.sql_log_count - before) / N
        posted = Realization.search([("spm_number", "=like", "SPM-BENCH-%")])
        insert = sql_reinsert_seconds(env, "eoffice_budget_realization", POSTING_COLUMNS, posted.ids, "orm")

    print(f"budget execution on the 2026 DPA of Diskominfo ({len(lines)} lines), {N} postings")
    row("baseline: SQL read of the line's remainder", base_time * 1000, "ms")
    row("availability check (line, cash plan, SPD, lock)", check_time * 1000, "ms", check_time / base_time,
        f"{check_queries} queries")
    row("baseline: plain SQL INSERT per posting", insert * 1000, "ms")
    row("posting through the ORM (check + ledger + totals)", post * 1000, "ms", post / insert,
        f"{post_queries:.1f} queries per posting; {1 / post:.0f} postings/s")


if __name__ == "__main__":
    main()
