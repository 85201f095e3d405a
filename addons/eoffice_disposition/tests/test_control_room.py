import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..models.eoffice_control_room import fill_branch_days
from . import test_disposition


@tagged("post_install", "-at_install")
class TestControlRoom(test_disposition.DispositionCase):
    """The control room's figures against counts made independently with the ORM."""

    def _figures(self, user, company):
        room = self.as_user(user, self.env["eoffice.control.room"])
        rows = room._read_group([("company_id", "=", company.id)], [], [
            "letters_in:sum", "letters_out:sum", "dispositions:sum", "dispositions_open:sum",
            "dispositions_overdue:sum", "response_days:avg", "sheets_saved:sum", "atk_saved:sum"])
        return dict(zip(["in", "out", "dispositions", "open", "overdue", "response", "sheets", "atk"], rows[0],
                        strict=True))

    def test_figures_equal_independent_counts(self):
        Letter, Branch = self.env["eoffice.letter"], self.env["eoffice.disposition.branch"]
        incoming = [self.make_incoming() for _i in range(3)]
        outgoing = self.sign(self.make_letter())
        self.as_user(self.users_a["official"], outgoing).action_send()
        late = self.dispose(self.head_user, incoming[0], self.head_a, self.kabid_a | self.kabid2)
        done = self.dispose(self.head_user, incoming[1], self.head_a, self.kabid_a)
        with freeze_time(datetime.datetime.now() + datetime.timedelta(days=2)):
            self.as_user(self.kabid_user, done.branch_ids).action_done("Selesai")
        late.sudo().deadline = datetime.date.today() - datetime.timedelta(days=1)
        self.env.flush_all()
        figures = self._figures(self.executive, self.skpd_a)
        skpd = [("company_id", "=", self.skpd_a.id)]
        self.assertEqual(figures["in"], Letter.search_count(
            [*skpd, ("direction", "=", "incoming"), ("state", "in", ("received", "read"))]))
        self.assertEqual(figures["in"], 3)
        self.assertEqual(figures["out"], Letter.search_count(
            [*skpd, ("direction", "=", "outgoing"), ("state", "in", ("signed", "sent"))]))
        branches = Branch.search(skpd)
        self.assertEqual(figures["dispositions"], len(branches))
        self.assertEqual(figures["open"], len(branches.filtered(lambda b: not b.is_done and b.state != "cancelled")))
        self.assertEqual(figures["overdue"], Branch.search_count([*skpd, ("is_overdue", "=", True)]))
        self.assertEqual(figures["overdue"], 2)
        self.assertAlmostEqual(figures["response"], done.branch_ids.days_to_done, places=3)
        self.assertGreaterEqual(figures["response"], 2)
        # paper: pages of the letter × copies delivered electronically (one internal recipient)
        electronic = outgoing.recipient_ids.filtered(lambda r: r.dispatch_method in ("internal", "email"))
        self.assertTrue(outgoing.page_count)
        self.assertEqual(figures["sheets"], outgoing.page_count * len(electronic))
        self.assertEqual(figures["atk"], figures["sheets"] * self.pemda.eoffice_sheet_cost)

    def test_a_disposition_counts_on_the_pemdas_day(self):
        """06:30 in Jakarta is 23:30 UTC of the day before: a disposition made then belongs to the
        Pemda's day, in the branch and in the control room (read without a flush: the view's _depends)."""
        for company in (self.pemda, self.skpd_a, self.env["res.company"].search([("parent_id", "=", False)])):
            company.partner_id.tz = "Asia/Jakarta"
        letter = self.make_incoming()
        with freeze_time("2026-03-09 23:30:00"):
            branch = self.dispose(self.head_user, letter, self.head_a, self.kabid_a).branch_ids
        self.assertEqual(branch.day, datetime.date(2026, 3, 10))
        row = self.env["eoffice.control.room"].search([("branch_id", "=", branch.id)])
        self.assertEqual(row.date, datetime.date(2026, 3, 10))
        # the day is the workflow's: a client cannot set it
        with self.assertRaises(UserError):  # the workflow guard (or, without a seat, the access rules)
            self.as_user(self.kabid_user, branch).write({"day": "2026-03-01"})
        self.assertEqual(branch.day, datetime.date(2026, 3, 10))
        # a database upgraded from 18.0.1.1.0 gets it from the branch's UTC creation time
        self.env.flush_all()
        self.env.cr.execute("UPDATE eoffice_disposition_branch SET day = NULL, create_date = '2026-03-09 23:30:00'"
                            " WHERE id = %s", [branch.id])
        fill_branch_days(self.env.cr)
        branch.invalidate_recordset(["day"])
        self.assertEqual(branch.day, datetime.date(2026, 3, 10))

    def test_viewer_cannot_drill_into_confidential_records_of_another_skpd(self):
        secret = self.make_incoming()
        secret.sudo().sifat = "rahasia"
        room = self.as_user(self.executive, self.env["eoffice.control.room"])
        row = room.search([("letter_id", "=", secret.id)])
        self.assertEqual(len(row), 1)  # counted in the figures
        self.assertFalse(hasattr(row, "name"))  # rows carry no subject
        with self.assertRaises(AccessError):
            row.action_open_record()
        # an ordinary letter opens
        plain = self.make_incoming()
        action = room.search([("letter_id", "=", plain.id)]).action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("eoffice.letter", plain.id))
        # another SKPD's staff do not even see the rows
        self.assertFalse(self.as_user(self.admin_b, self.env["eoffice.control.room"]).search(
            [("company_id", "=", self.skpd_a.id)]))


@tagged("post_install", "-at_install")
class TestControlRoomTour(HttpCase):
    def test_bupati_opens_the_control_room(self):
        self.start_tour("/odoo", "eoffice_control_room_tour", login="bupati", timeout=180)
