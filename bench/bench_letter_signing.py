"""Benchmark: signing letters (numbering, PDF with QR, hash) and verifying them.

Run with `make bench` (on the generated `eoffice_bench` database; everything is rolled back).
Signs N demo letters of Diskominfo as its Kepala Dinas and prints the time per signature
against a baseline measured in the same run: wkhtmltopdf rendering the same letter page
alone, the floor of any signature that renders a PDF. Also prints the cost of the public
verification lookup (by token) and the number of queries of one signature.
"""
import sys
import time

import odoo
from odoo.modules.registry import Registry

N = int(sys.argv[sys.argv.index("--letters") + 1]) if "--letters" in sys.argv else 20


def main():
    db = sys.argv[sys.argv.index("--database") + 1]
    odoo.tools.config.parse_config(["-c", sys.argv[sys.argv.index("--config") + 1]])
    from odoo.addons.eoffice_skpd.pdf import run_wkhtmltopdf

    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        ref = env.ref
        kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        Letter = env["eoffice.letter"].with_user(kadis).with_context(allowed_company_ids=kadis.company_ids.ids)
        letters = Letter.browse()
        for i in range(N):
            letters |= Letter.create({
                "name": f"Surat uji kinerja {i}", "company_id": kadis.company_id.id,
                "classification_id": ref("eoffice_letters.archive_classification_000_5").id,
                "signer_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id,
                "body": "<p>Dengan hormat, kami mengundang {{penerima}} pada {{tanggal}}.</p>" * 8,
                "review_ids": [],
                "to_recipient_ids": [(0, 0, {"recipient_type": "position",
                                             "position_id": ref("eoffice_skpd.pos_skpd_dinkes_head").id})],
            })
        letters.action_submit()
        html = letters[0]._render_html(preview=True)
        start = time.perf_counter()
        for _i in range(N):
            run_wkhtmltopdf(html)
        baseline = (time.perf_counter() - start) / N

        queries_before = cr.sql_log_count
        start = time.perf_counter()
        letters[0].action_sign()
        first = time.perf_counter() - start
        queries = cr.sql_log_count - queries_before
        start = time.perf_counter()
        for letter in letters[1:]:
            letter.action_sign()
        per_letter = (time.perf_counter() - start) / max(N - 1, 1)

        Public = env["eoffice.letter"].sudo()
        tokens = list(letters.sudo().mapped("verification_token"))
        start = time.perf_counter()
        found = 0
        for token in tokens:
            found += bool(Public.search([("verification_token", "=", token), ("direction", "=", "outgoing")],
                                        limit=1).number)
        assert found == len(tokens)
        lookup = (time.perf_counter() - start) / len(tokens) * 1000
        cr.rollback()

    print(f"letter signing, {N} letters of Diskominfo")
    print(f"  baseline: wkhtmltopdf alone     {baseline:6.3f} s per page")
    print(f"  first signature                 {first:6.3f} s  ({queries} queries)")
    print(f"  signature (average)             {per_letter:6.3f} s  ratio {per_letter / baseline:4.2f} x baseline")
    print(f"  public verification lookup      {lookup:6.2f} ms per token")


if __name__ == "__main__":
    main()
