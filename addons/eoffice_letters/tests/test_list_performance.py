import re

from odoo.tests import tagged

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

    def test_skpd_list_is_covered_by_the_skpd_direction_index(self):
        """Every column the list's query reads under the staff rules (SKPD, direction, the
        confidentiality rule's columns, the order) is in the SKPD/direction index, led by the SKPD
        and the direction: the page and its count can be index-only scans at any size (measured in
        docs/performance.md). A rule that reads a new column of the letter fails here."""
        Letter, _page = self._list(self.users_a["staff"])
        query = Letter._search([("direction", "=", "outgoing")], limit=80)
        code = query.select().code
        read = set(re.findall(r'"eoffice_letter"\."(\w+)"', code))
        self.assertTrue({"company_id", "direction", "is_confidential", "id"} <= read, code)
        self.env.cr.execute("""
            SELECT a.attname FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE c.relname = 'eoffice_letter_company_direction_id_index' ORDER BY k.position""")
        columns = [row[0] for row in self.env.cr.fetchall()]
        self.assertEqual(columns[:3], ["company_id", "direction", "id"])
        self.assertLessEqual(read, set(columns), "the list's query reads columns the index does not hold")

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
