from odoo.tests import tagged

from .test_disposition import DispositionCase

# The rows every letter of an SKPD leads back to. Under PostgreSQL's REPEATABLE READ two transactions
# that update the same row cannot both commit: the second fails with "could not serialize access due to
# concurrent update" and Odoo replays the whole request after a random sleep of up to 2^n s. The daily
# writes of one SKPD must therefore update none of them (foreign keys only take KEY SHARE locks on them,
# which neither block nor fail each other). The gap-free numbers of signing and registering are the
# exception, on purpose: see test_numbering.py.
SHARED_TABLES = ("eoffice_position", "res_company", "res_partner", "res_users", "hr_employee",
                 "eoffice_letter_sequence", "ir_sequence", "eoffice_letter_type", "eoffice_archive_classification",
                 "mail_activity_type", "mail_message_subtype")


@tagged("post_install", "-at_install")
class TestMondayWritesShareNoRow(DispositionCase):
    """Draft and submit, paraf, dispose and report done (the writes of bench_monday.py) update no shared row,
    so that officials of one SKPD doing them at the same moment never make each other's request retry."""

    def _versions(self):
        """The physical version (ctid) of every row of the shared tables: an UPDATE always makes a new one."""
        self.env.flush_all()
        versions = {}
        for table in SHARED_TABLES:
            self.env.cr.execute(f'SELECT id, ctid::text FROM "{table}"')  # noqa: S608 - fixed names
            versions.update({(table, row_id): ctid for row_id, ctid in self.env.cr.fetchall()})
        return versions

    def assertNoSharedRowUpdated(self, action):
        before = self._versions()
        action()
        after = self._versions()
        changed = sorted(key for key, ctid in before.items() if after.get(key) != ctid)
        self.assertEqual(changed, [], "the action updated (or deleted) rows other requests of the SKPD share")

    def test_draft_and_submit(self):
        letters = []

        def draft_and_submit():
            letters.append(self.make_letter())
            self.as_user(self.users_a["staff"], letters[0]).action_submit()

        self.assertNoSharedRowUpdated(draft_and_submit)
        self.assertEqual(letters[0].state, "review")

    def test_paraf(self):
        first, second = self.make_letter(), self.make_letter()
        for letter in first | second:
            self.as_user(self.users_a["staff"], letter).action_submit()
        reviewer = first.current_review_id.position_id.current_user_ids[:1]
        self.as_user(reviewer, first).action_approve()
        self.assertEqual(second.current_review_id.position_id.current_user_ids[:1], reviewer)
        self.assertNoSharedRowUpdated(lambda: self.as_user(reviewer, second).action_approve())
        self.assertNotEqual(second.current_review_id.position_id.current_user_ids[:1], reviewer)

    def test_dispose_and_report_done(self):
        first, second = self.make_incoming(), self.make_incoming()
        self.dispose(self.head_user, first, self.head_a, self.kabid_a)
        self.assertNoSharedRowUpdated(lambda: self.dispose(self.head_user, second, self.head_a, self.kabid_a))
        branches = (first | second).disposition_branch_ids
        self.assertEqual(len(branches), 2)
        self.as_user(self.kabid_user, branches[0]).action_done("Sudah ditindaklanjuti")
        self.assertNoSharedRowUpdated(
            lambda: self.as_user(self.kabid_user, branches[1]).action_done("Sudah ditindaklanjuti"))
        self.assertEqual(set(branches.mapped("state")), {"done"})

