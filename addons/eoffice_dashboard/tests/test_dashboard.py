"""The Ruang Kendali dashboard: its data file asks only for figures that exist and that its readers
may read, the right roles see it and land on it, the others don't, and in a real Chromium the
Bupati's default selection counts every SKPD."""

import json

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged


def dashboard_data(env):
    dashboard = env.ref("eoffice_dashboard.spreadsheet_dashboard_pemda")
    return json.loads(dashboard.sudo().spreadsheet_data)


@tagged("post_install", "-at_install")
class TestDashboardData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bupati = cls.env.ref("eoffice_skpd.user_bupati")
        cls.staff = cls.env.ref("eoffice_skpd.user_skpd_kominfo_head")
        cls.dashboard = cls.env.ref("eoffice_dashboard.spreadsheet_dashboard_pemda")

    def test_every_pivot_and_chart_reads_as_the_bupati(self):
        """Each pivot and chart of the data file is a read_group the Bupati may make: the fields exist,
        the measures add up, the domains are valid."""
        data = dashboard_data(self.env)
        env = self.env(user=self.bupati, context={"allowed_company_ids": self.bupati.company_ids.ids})
        queries = [(p["model"], p["domain"], [r["fieldName"] for r in p["rows"]],
                    [m["fieldName"] for m in p["measures"]]) for p in data["pivots"].values()]
        queries += [(f["data"]["metaData"]["resModel"], f["data"]["searchParams"]["domain"],
                     f["data"]["metaData"]["groupBy"], [f["data"]["metaData"]["measure"]])
                    for sheet in data["sheets"] for f in sheet["figures"] if f["data"]["type"].startswith("odoo_")]
        self.assertGreaterEqual(len(queries), 10)
        for model, domain, groupby, measures in queries:
            with self.subTest(model=model, groupby=groupby, measures=measures):
                aggregates = [f"{m}:{env[model]._fields[m].aggregator}" if m != "__count" else m for m in measures]
                env[model].read_group(domain, aggregates, groupby, lazy=False)

    def test_tiles_count_every_skpd(self):
        """The Bupati's figures under all his companies equal the whole Pemda's (sudo) figures."""
        env = self.env(user=self.bupati, context={"allowed_company_ids": self.bupati.company_ids.ids})
        Activity = env["eoffice.budget.plan.activity"]
        [[total, realized]] = Activity._read_group(
            [("plan_kind", "=", "dpa")], [], ["total:sum", "realized_amount:sum"])
        everything = self.env["eoffice.budget.plan.activity"].sudo().search([("plan_kind", "=", "dpa")])
        self.assertGreaterEqual(len(everything.company_id), 2)
        self.assertEqual(total, sum(everything.mapped("total")))
        self.assertEqual(realized, sum(everything.mapped("realized_amount")))
        self.assertGreater(realized, 0)

    def test_today_and_this_month(self):
        Room = self.env["eoffice.control.room"]
        today = fields.Date.context_today(Room)
        rows = Room.search([])
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(row.is_today, row.date == today)
            self.assertEqual(row.is_this_month, (row.date.year, row.date.month) == (today.year, today.month))

    def test_only_pemda_wide_roles_see_it(self):
        self.assertFalse(self.dashboard.sample_dashboard_file_path)  # never Odoo's sample figures
        Dashboard = self.env["spreadsheet.dashboard"]
        self.assertIn(self.dashboard, Dashboard.with_user(self.bupati).search([]))
        self.assertNotIn(self.dashboard, Dashboard.with_user(self.staff).search([]))
        with self.assertRaises(AccessError):
            self.dashboard.with_user(self.staff).check_access("read")
        snapshot = self.dashboard.with_user(self.bupati).get_readonly_dashboard()
        self.assertNotIn("is_sample", snapshot)
        Menu = self.env["ir.ui.menu"]
        dashboards_app = self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_menu_root")
        self.assertIn(dashboards_app.id, Menu.with_user(self.bupati).load_menus(False)["root"]["children"])
        self.assertNotIn(dashboards_app.id, Menu.with_user(self.staff).load_menus(False)["root"]["children"])

    def test_the_control_room_app_opens_on_the_dashboard(self):
        room = self.env.ref("eoffice_skpd.menu_control_room")
        first = room.child_id.sorted("sequence")[0]
        self.assertEqual(first, self.env.ref("eoffice_dashboard.eoffice_dashboard_menu"))
        self.assertEqual(first.action, self.env.ref("eoffice_dashboard.eoffice_dashboard_action"))
        # the detail pivots stay reachable
        self.assertIn(self.env.ref("eoffice_disposition.eoffice_control_room_menu"), room.child_id)
        self.assertIn(self.env.ref("eoffice_budget.eoffice_budget_control_absorption_menu"), room.child_id)
        self.assertEqual(self.bupati._eoffice_home_action(), self.env.ref("eoffice_dashboard.eoffice_dashboard_action"))


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    def test_bupati_sees_every_skpd_on_the_dashboard(self):
        self.start_tour("/odoo", "eoffice_dashboard_tour", login="bupati", timeout=240)
