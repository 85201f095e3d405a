from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common import EofficeSkpdCase


@tagged("post_install", "-at_install")
class TestOnboard(EofficeSkpdCase):
    def _form(self, user=None):
        form = Form(self.env["eoffice.skpd.onboard"].with_user(user or self.env.user))
        form.name = "Dinas Pendidikan"
        form.skpd_code = "1.01.0.00.0.00.77.0000"
        form.skpd_short_code = "DISDIK"
        form.head_name = "Kepala Baru"
        form.head_nip = "197205172000031002"
        form.head_login = "kadis.disdik"
        form.agendaris_name = "TU Baru"
        form.agendaris_nip = "199003122015032001"
        form.agendaris_login = "tu.disdik"
        form.budget_live = True
        return form

    def test_onboarding_creates_skpd_units_seats_users_and_switches(self):
        form = self._form()
        self.assertEqual(form.head_title, "Kepala Dinas Pendidikan")
        action = form.save().action_onboard()
        skpd = self.env["res.company"].browse(action["res_id"])
        self.assertTrue(skpd.is_skpd)
        self.assertEqual(skpd.parent_id, self.pemda)
        self.assertTrue(skpd.eoffice_letters_live and skpd.eoffice_budget_live)
        self.assertEqual(skpd.letterhead_office, "DINAS PENDIDIKAN")
        units = self.env["hr.department"].search([("company_id", "=", skpd.id)])
        self.assertEqual(sorted(units.mapped("unit_code")), ["SEKR", "UMPEG"])
        seats = self.env["eoffice.position"].search([("company_id", "=", skpd.id)])
        self.assertEqual(len(seats), 4)
        self.assertEqual(skpd.head_position_id.employee_id.nip, "197205172000031002")
        head_user = self.env["res.users"].search([("login", "=", "kadis.disdik")])
        self.assertTrue(head_user.has_group("eoffice_skpd.group_official"))
        self.assertEqual(head_user.company_ids, skpd)
        self.assertIn(skpd.head_position_id, head_user.eoffice_position_ids)
        tu_user = self.env["res.users"].search([("login", "=", "tu.disdik")])
        self.assertTrue(tu_user.has_group("eoffice_skpd.group_agendaris"))

    def test_bad_nip_leaves_nothing_behind(self):
        form = self._form()
        form.agendaris_nip = "199003122015033001"
        wizard = form.save()
        companies = self.env["res.company"].search_count([])
        with self.assertRaisesRegex(ValidationError, "digit 15"):
            wizard.action_onboard()
        self.assertEqual(self.env["res.company"].search_count([]), companies)
        self.assertFalse(self.env["res.users"].search([("login", "=", "kadis.disdik")]))

    def test_only_pemda_admin_onboards(self):
        with self.assertRaises(AccessError):
            self._form(user=self.users_a["skpd_admin"]).save()


@tagged("post_install", "-at_install")
class TestOnboardTour(HttpCase):
    def test_onboard_tour(self):
        self.env.ref("base.user_admin").lang = "id_ID"
        self.start_tour("/odoo", "eoffice_skpd_onboard_tour", login="admin", timeout=180)
        skpd = self.env["res.company"].search([("skpd_short_code", "=", "DISDIK-UJI")])
        self.assertTrue(skpd.is_skpd)
        self.assertEqual(skpd.head_position_id.name, "Kepala Dinas Pendidikan Uji")
        self.assertTrue(self.env["res.users"].search([("login", "=", "tu.disdik.uji")]))
