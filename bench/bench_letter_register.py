"""Benchmark: registering incoming letters, through the ORM and as a plain SQL insert.

Run with `make bench` (everything is rolled back). The Diskominfo agendaris registers N
letters the way the web client does (create the draft, then Register, which draws the
agenda number under a row lock and logs in the chatter). The baseline, measured in the same
run, inserts the same rows with one plain SQL INSERT per letter: the floor of any
registration that writes a row. Also prints the queries per letter.
"""
import time

from benchlib import as_user, environment, option, row, sql_reinsert_seconds

N = option("--letters", 300)
COLUMNS = ["company_id", "type_id", "classification_id", "direction", "state", "sifat", "urgency", "name",
           "sender_name", "sender_number", "sender_date", "received_date", "recipient_position_id",
           "agenda_number", "ocr_text", "create_uid", "write_uid", "create_date", "write_date"]


def main():
    with environment() as env:
        ref = env.ref
        clerk = ref("eoffice_skpd.user_skpd_kominfo_tu")
        Letter = as_user(env, clerk)["eoffice.letter"]
        values = [{
            "direction": "incoming", "name": f"Permohonan data statistik sektoral {i}",
            "sender_name": f"Badan Pusat Statistik {i % 17}", "sender_number": f"B-{i}/BPS/2026",
            "sender_date": "2026-11-20", "recipient_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id,
            "classification_id": ref("eoffice_letters.archive_classification_000_5").id,
            "ocr_text": "Kepada Yth. Kepala Dinas Komunikasi dan Informatika, mohon data statistik sektoral.",
        } for i in range(N)]
        env.cr.execute("SAVEPOINT orm")
        before = env.cr.sql_log_count
        start = time.perf_counter()
        letters = Letter.browse()
        for vals in values:
            letter = Letter.create(vals)
            letter.action_register()
            letters |= letter
        env.flush_all()
        orm = (time.perf_counter() - start) / N
        per_letter = (env.cr.sql_log_count - before) / N
        assert all(letters.mapped("agenda_number")) and set(letters.mapped("state")) == {"received"}
        sql = sql_reinsert_seconds(env, "eoffice_letter", COLUMNS, letters.ids, "orm")

    print(f"incoming letter registration, {N} letters by the Diskominfo agendaris")
    row("baseline: plain SQL INSERT per letter", sql * 1000, "ms")
    row("ORM: create + Register (agenda number, chatter)", orm * 1000, "ms", orm / sql,
        f"{per_letter:.1f} queries per letter")


if __name__ == "__main__":
    main()
