from datetime import timedelta

from odoo import fields
from odoo.addons.eoffice_skpd.tests.common import EofficeSkpdCase
from odoo.tests import new_test_user


class EofficeBudgetCase(EofficeSkpdCase):
    """A code list, a fiscal year with its price standard, and budget users of SKPD A and B.

    Codes: bidang 9.01 with program 9.01.01, kegiatan 9.01.01.2.01 and sub kegiatan .0001 and .0002;
    accounts 5.1.02.01.01.0024 (ATK) and 5.1.02.01.01.0052 (meals). Items: paper (on ATK, Rp 50.000),
    snack (on meals, Rp 15.000)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        env = cls.env
        cls.regulation = env["eoffice.budget.regulation"].create({"name": "Kepmendagri Uji 2026", "date": "2026-01-02"})
        cls.year = env["eoffice.budget.fiscal.year"].create({"year": 2031, "regulation_id": cls.regulation.id})
        cls.codes = {}
        for kind, rows in (("program", ["9", "9.01", "9.01.01", "9.01.01.2.01", "9.01.01.2.01.0001",
                                        "9.01.01.2.01.0002", "9.02", "9.02.01", "9.02.01.2.01",
                                        "9.02.01.2.01.0001"]),
                           ("account", ["5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01", "5.1.02.01.01.0024",
                                        "5.1.02.01.01.0052"])):
            for code in rows:
                parts = code.split(".")
                parent = ".".join(parts[:3] if kind == "program" and len(parts) == 5 else parts[:-1])
                cls.codes[(kind, code)] = env["eoffice.budget.code"].create({
                    "kind": kind, "code": code, "name": f"Uji {code}", "regulation_id": cls.regulation.id,
                    "parent_id": cls.codes[(kind, parent)].id if parent else False})
        cls.sub1 = cls.codes[("program", "9.01.01.2.01.0001")]
        cls.sub2 = cls.codes[("program", "9.01.01.2.01.0002")]
        cls.sub_other = cls.codes[("program", "9.02.01.2.01.0001")]
        cls.atk = cls.codes[("account", "5.1.02.01.01.0024")]
        cls.meals = cls.codes[("account", "5.1.02.01.01.0052")]
        Item = env["eoffice.budget.price.item"]
        cls.paper = Item.create({"code": "U.1", "name": "Kertas Uji", "uom": "Rim", "price": 50000,
                                 "fiscal_year_id": cls.year.id, "account_ids": [(6, 0, cls.atk.ids)]})
        cls.snack = Item.create({"code": "U.2", "name": "Kudapan Uji", "uom": "Kotak", "price": 15000,
                                 "fiscal_year_id": cls.year.id, "account_ids": [(6, 0, cls.meals.ids)]})
        cls.source = env.ref("eoffice_budget.funding_pad")
        everything = cls.pemda | cls.skpd_a | cls.skpd_b

        def user(login, group, company, companies=None):
            return new_test_user(env, login=login, groups=f"base.group_user,{group}", company_id=company.id,
                                 company_ids=[(6, 0, (companies or company).ids)])

        cls.operator_a = user("t_budget_op_a", "eoffice_budget.group_budget_operator", cls.skpd_a)
        cls.operator_b = user("t_budget_op_b", "eoffice_budget.group_budget_operator", cls.skpd_b)
        cls.verifier = user("t_budget_tapd", "eoffice_budget.group_budget_verifier", cls.skpd_a, everything)
        cls.bpkad = user("t_budget_bpkad", "eoffice_budget.group_budget_manager", cls.skpd_b, everything)
        now = fields.Datetime.now()
        cls.windows = env["eoffice.budget.input.window"].create([
            {"company_id": company.id, "fiscal_year_id": cls.year.id, "date_from": now - timedelta(days=1),
             "date_to": now + timedelta(days=30)} for company in (cls.skpd_a, cls.skpd_b)])
        cls.env.ref("base.main_company").budget_ceiling_policy = "warn"

    def as_user(self, user, record):
        return record.with_user(user).with_context(allowed_company_ids=user.company_ids.ids, lang="en_US") \
            .with_company(user.company_id)

    def make_plan(self, user=None, volumes=(10,)):
        """An RKA of the user's SKPD with sub kegiatan 1 and one paper line per volume."""
        user = user or self.operator_a
        plan = self.as_user(user, self.env["eoffice.budget.plan"]).create({
            "company_id": user.company_id.id, "fiscal_year_id": self.year.id})
        activity = self.as_user(user, self.env["eoffice.budget.plan.activity"]).create({
            "plan_id": plan.id, "sub_kegiatan_id": self.sub1.id, "funding_source_id": self.source.id, "target": 1})
        for volume in volumes:
            self.add_line(activity, volume, user=user)
        return plan.with_env(self.env), activity.with_env(self.env)

    def add_line(self, activity, volume, user=None, item=None, account=None, price=None):
        item = item or self.paper
        return self.as_user(user or self.operator_a, self.env["eoffice.budget.plan.line"]).create({
            "activity_id": activity.id, "account_id": (account or self.atk).id, "item_id": item.id,
            "vol1": volume, "uom1": item.uom, "unit_price": item.price if price is None else price}).with_env(self.env)
