from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import EofficeSkpdCase


@tagged("post_install", "-at_install")
class TestPosition(EofficeSkpdCase):
    def test_acting_rights_start_and_end_on_the_right_dates(self):
        plt_user = self.users_a["staff"]
        self.env["eoffice.position.acting"].create({
            "position_id": self.kabid_a.id, "employee_id": self.emp_plt.id, "kind": "plt",
            "date_from": "2026-03-01", "date_to": "2026-03-31",
        })
        Position = self.env["eoffice.position"]
        for day, expected in [("2026-02-28", False), ("2026-03-01", True), ("2026-03-31", True),
                              ("2026-04-01", False)]:
            with self.subTest(day=day), freeze_time(day):
                seats = Position.search([("current_user_ids", "in", plt_user.ids)])
                self.assertEqual(self.kabid_a in seats, expected)
                self.assertEqual(self.kabid_a.with_context(date=day).vacant, not expected)
                mine = plt_user.with_context(date=day).eoffice_position_ids
                self.assertEqual(self.kabid_a in mine, expected)

    def test_a_seats_day_is_the_pemdas_day(self):
        """At 16:00 UTC on 28 February it is already 1 March in Jayapura (WIT) but not in Jakarta: an
        acting from 1 March counts in a WIT Pemda, whose SKPD name no zone of their own; a change of the
        Pemda's zone applies at once (the zone is cached per SKPD); a context's tz changes nothing."""
        plt_user = self.users_a["staff"]
        self.env["eoffice.position.acting"].create({
            "position_id": self.kabid_a.id, "employee_id": self.emp_plt.id, "kind": "plt",
            "date_from": "2026-03-01", "date_to": "2026-03-31",
        })
        self.skpd_a.partner_id.tz = False
        Position = self.env["eoffice.position"].with_user(plt_user)
        with freeze_time("2026-02-28 16:00:00"):
            for zone, expected in [("Asia/Jakarta", False), ("Asia/Jayapura", True), ("Asia/Jakarta", False)]:
                with self.subTest(zone=zone):
                    self.pemda.partner_id.tz = zone
                    self.assertEqual(self.kabid_a in Position.search([("current_user_ids", "in", plt_user.ids)]),
                                     expected)
                    # whoever calls the API may send any tz: it is not the seat's day
                    other = "Asia/Jayapura" if zone == "Asia/Jakarta" else "Asia/Jakarta"
                    self.assertEqual(Position.with_context(tz=other)._today(), Position._today())
            self.skpd_a.partner_id.tz = "Asia/Jayapura"  # the SKPD's own zone comes first
            self.assertIn(self.kabid_a, Position.search([("current_user_ids", "in", plt_user.ids)]))

    def test_overlapping_acting_is_refused(self):
        Acting = self.env["eoffice.position.acting"]
        Acting.create({"position_id": self.kabid_a.id, "employee_id": self.emp_plt.id,
                       "date_from": "2026-03-01", "date_to": "2026-03-31"})
        with self.assertRaisesRegex(ValidationError, "already has an acting official"):
            Acting.create({"position_id": self.kabid_a.id, "employee_id": self.emp_a.id,
                           "date_from": "2026-03-15", "date_to": "2026-04-15"})
        with self.assertRaisesRegex(ValidationError, "end on or after"):
            Acting.create({"position_id": self.kabid_a.id, "employee_id": self.emp_a.id,
                           "date_from": "2026-05-15", "date_to": "2026-05-01"})

    def test_holder_history_is_kept(self):
        self.head_a.employee_id = self.emp_plt
        history = self.head_a.holder_ids.sorted("id")
        self.assertEqual(history.employee_id, self.emp_a | self.emp_plt)
        self.assertTrue(history[0].date_to)
        self.assertFalse(history[1].date_to)

    def test_no_cycles_and_subordinates_by_parent_path(self):
        with self.assertRaises(UserError):
            self.head_a.parent_id = self.kabid_a
        self.assertEqual(self.head_a._get_subordinates(), self.kabid_a)
