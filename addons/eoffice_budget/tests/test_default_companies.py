"""TAPD and BPKAD see every SKPD's budget under their default company selection (issue #18): the
web client's page sets their ``cids`` cookie to every company they belong to when they have none,
and nobody else's selection changes. Over real HTTP, as the demo users."""

import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDefaultCompanies(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bpkad = cls.env.ref("eoffice_budget.user_bpkad")
        cls.kominfo = cls.env.ref("eoffice_skpd.skpd_kominfo")
        cls.dinkes = cls.env.ref("eoffice_skpd.skpd_dinkes")

    def open_webclient(self):
        """Load the web client's page with no ``cids`` cookie (a fresh login); return the cookie it
        sets, as the list of company ids the web client will use, or None."""
        self.opener.cookies.pop("cids", None)
        response = self.url_open("/odoo")
        self.assertEqual(response.status_code, 200)
        cids = response.cookies.get("cids")
        return [int(cid) for cid in cids.split("-")] if cids else None

    def call_kw(self, model, method, args, kwargs):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args, "kwargs": kwargs}}
        with mute_logger("odoo.http"):
            body = self.url_open("/web/dataset/call_kw", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        return (None, body["error"]["data"]["message"]) if "error" in body else (body["result"], None)

    def dpa_companies(self, company_ids):
        """The SKPD of the DPA the web client lists under this company selection."""
        result, error = self.call_kw("eoffice.budget.plan", "search_read", [[("kind", "=", "dpa")]], {
            "fields": ["company_id"], "context": {"allowed_company_ids": company_ids}})
        self.assertIsNone(error)
        return {row["company_id"][0] for row in result}

    def test_bpkad_sees_every_skpds_dpa_by_default(self):
        every_dpa = {plan.company_id.id for plan in self.env["eoffice.budget.plan"].search([("kind", "=", "dpa")])}
        self.assertGreaterEqual(len(every_dpa), 2)
        for login in ("bpkad", "tapd"):
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.authenticate(login, "demo")
                cids = self.open_webclient()
                # every company the user belongs to, the home company first (the current company)
                self.assertEqual(cids[0], user.company_id.id)
                self.assertEqual(set(cids), set(user.company_ids.ids))
                self.assertEqual(self.dpa_companies(cids), every_dpa)
        # what Odoo's own default (the home company alone) showed BPKAD: its own DPA, nobody else's
        self.authenticate("bpkad", "demo")
        self.assertLessEqual(self.dpa_companies([self.bpkad.company_id.id]), {self.bpkad.company_id.id})

    def test_a_chosen_selection_is_kept(self):
        self.authenticate("bpkad", "demo")
        self.opener.cookies.set("cids", str(self.kominfo.id))
        response = self.url_open("/odoo")
        self.assertNotIn("cids", response.cookies)
        self.assertEqual(self.dpa_companies([self.kominfo.id]), {self.kominfo.id})

    def test_executives_and_auditors_get_every_company(self):
        for login in ("bupati", "sekda", "auditor"):
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.authenticate(login, "demo")
                self.assertEqual(set(self.open_webclient()), set(user.company_ids.ids))

    def test_skpd_users_keep_their_own(self):
        # an SKPD's operator who also belongs to a second SKPD: Odoo's default (the home company)
        new_test_user(self.env, "operator.two", password="operator.two.pw",
                      groups="eoffice_budget.group_budget_operator", company_id=self.kominfo.id,
                      company_ids=[(6, 0, [self.kominfo.id, self.dinkes.id])])
        for login, password in (("operator.two", "operator.two.pw"), ("kadis.kominfo", "demo")):
            with self.subTest(login=login):
                self.authenticate(login, password)
                self.assertIsNone(self.open_webclient())
        # the Kepala Dinas sees his SKPD's DPA only, and cannot select another SKPD to see theirs
        self.authenticate("kadis.kominfo", "demo")
        self.assertEqual(self.dpa_companies([self.kominfo.id]), {self.kominfo.id})
        result, error = self.call_kw("eoffice.budget.plan", "search_read", [[("kind", "=", "dpa")]], {
            "fields": ["company_id"], "context": {"allowed_company_ids": [self.kominfo.id, self.dinkes.id]}})
        self.assertIsNone(result)
        self.assertTrue(error)
        # nor with no selection at all (an integrator's call): Odoo falls back to his own companies
        result, error = self.call_kw("eoffice.budget.plan", "search_read", [[("kind", "=", "dpa")]],
                                     {"fields": ["company_id"]})
        self.assertEqual({row["company_id"][0] for row in result}, {self.kominfo.id})

    def test_bpkad_tour_lists_every_skpds_dpa(self):
        self.start_tour("/odoo", "eoffice_budget_default_companies_tour", login="bpkad", timeout=180)
