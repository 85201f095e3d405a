from odoo.tests import tagged
from odoo.tools import SQL

from .common import EofficeLettersCase


@tagged("post_install", "-at_install")
class TestLetterListPerformance(EofficeLettersCase):
    """The hot path of every user: the first page of an SKPD's letters, under the record rules."""

    def _list(self, user):
        Letter = self.as_user(user, self.env["eoffice.letter"])
        spec = {"name": {}, "number": {}, "state": {}, "letter_date": {},
                "company_id": {"fields": {"display_name": {}}}, "type_id": {"fields": {"display_name": {}}}}
        return Letter, lambda: Letter.web_search_read([("direction", "=", "outgoing")], spec, limit=80,
                                                      count_limit=10001)

    def test_skpd_list_is_an_index_only_scan(self):
        """The page and its count under the staff rules can be read from the SKPD/direction index alone."""
        Letter, _page = self._list(self.users_a["staff"])
        query = Letter._search([("direction", "=", "outgoing")], limit=80)
        self.env.flush_all()
        # every other access path penalised: an index-only scan is chosen if, and only if, one can
        # answer the rules' query (on a test-sized table the planner would rather read the table)
        settings = ("enable_seqscan", "enable_bitmapscan", "enable_indexscan")
        for setting in settings:
            self.env.cr.execute(f"SET LOCAL {setting} = off")
        try:
            self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
            plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        finally:
            for setting in settings:
                self.env.cr.execute(f"RESET {setting}")
        self.assertIn("Index Only Scan using eoffice_letter_company_direction_id_index", plan)

    def test_list_page_query_count_does_not_grow_with_the_page(self):
        for i in range(3):
            self.make_letter(name=f"Surat daftar {i}")
        _letter, page = self._list(self.users_a["staff"])
        page()  # warm the caches of rules and fields
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        small = page()
        few = self.env.cr.sql_log_count - before
        for i in range(20):
            self.make_letter(name=f"Surat daftar lagi {i}")
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        large = page()
        many = self.env.cr.sql_log_count - before
        self.assertGreater(large["length"], small["length"])
        self.assertLessEqual(many, few, "a longer page must not cost more queries")
        self.assertLessEqual(many, 15)
