from datetime import timedelta

from odoo import api, fields, models


class EofficeBudgetPlan(models.Model):
    """Demo plans, built through the real workflow by the demo users (this file only adds a method)."""

    _inherit = "eoffice.budget.plan"

    @api.model
    def _demo_plans(self):
        ref = self.env.ref
        kominfo, dinkes = ref("eoffice_skpd.skpd_kominfo"), ref("eoffice_skpd.skpd_dinkes")
        operators = {kominfo: ref("eoffice_budget.user_operator_kominfo"),
                     dinkes: ref("eoffice_budget.user_operator_dinkes")}
        tapd, bpkad = ref("eoffice_budget.user_tapd"), ref("eoffice_budget.user_bpkad")
        now = fields.Datetime.now()
        Window = self.env["eoffice.budget.input.window"]

        def as_user(user, records):
            return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

        def item(year, code):
            return ref(f"eoffice_budget.item_{year}_{code.replace('.', '_')}")

        def account(code):
            return ref(f"eoffice_budget.a23_{code.replace('.', '_')}")

        def sub(code):
            return ref(f"eoffice_budget.p23_{code.replace('.', '_')}")

        kertas, atk, tinta, snack, nasi = ("1.1.7.01.01.01.001", "1.1.7.01.01.02.001", "1.1.7.01.01.03.001",
                                           "1.1.7.01.03.01.001", "1.1.7.01.03.01.002")
        plans = {
            kominfo: [
                ("2.16.01.2.01.0001", "PAD", 2, [
                    ("5.1.02.01.01.0025", kertas, 20, "Rim"), ("5.1.02.01.01.0024", tinta, 4, "Botol"),
                    ("5.1.02.01.01.0052", snack, 30, "Kotak", 4, "Kali")]),
                ("2.16.01.2.06.0004", "DAU", 12, [
                    ("5.1.02.01.01.0025", kertas, 60, "Rim"), ("5.1.02.01.01.0024", atk, 200, "Buah")]),
                ("2.16.03.2.02.0005", "DAU", 2, [
                    ("5.2.02.10.01.0002", "1.3.2.10.01.02.001", 4, "Unit"),
                    ("5.1.02.02.01.0003", "SBU.2.01", 2, "Orang", 3, "Jam"),
                    ("5.1.02.01.01.0052", nasi, 25, "Kotak", 2, "Kali")]),
            ],
            dinkes: [
                ("1.02.01.2.06.0004", "DAU", 12, [
                    ("5.1.02.01.01.0025", kertas, 40, "Rim"), ("5.1.02.01.01.0024", atk, 150, "Buah")]),
                ("1.02.02.2.02.0001", "DAK-NF", 1200, [
                    ("5.1.02.04.01.0001", "SBU.1.01", 6, "Orang", 10, "Hari"),
                    ("5.1.02.01.01.0052", snack, 40, "Kotak", 6, "Kali")]),
            ],
        }
        funding = {source.code: source for source in self.env["eoffice.budget.funding.source"].search([])}
        made = {}
        for year in (2026, 2027):
            fiscal_year = ref(f"eoffice_budget.fiscal_year_{year}")
            for company, activities in plans.items():
                operator = operators[company]
                # the 2026 window closes once its plans are approved
                Window.create({"company_id": company.id, "fiscal_year_id": fiscal_year.id,
                               "date_from": now - timedelta(days=1), "date_to": now + timedelta(days=60),
                               "note": f"Penyusunan RKA-SKPD {year}"})
                plan = as_user(operator, self).create({"company_id": company.id, "fiscal_year_id": fiscal_year.id})
                for code, source, target, lines in activities:
                    activity = as_user(operator, self.env["eoffice.budget.plan.activity"]).create({
                        "plan_id": plan.id, "sub_kegiatan_id": sub(code).id, "funding_source_id": funding[source].id,
                        "target": target, "location": company.pemda_id.city or "Kabupaten Contoh"})
                    for acc, item_code, vol1, uom1, *rest in lines:
                        standard = item(year, item_code)
                        as_user(operator, self.env["eoffice.budget.plan.line"]).create({
                            "activity_id": activity.id, "account_id": account(acc).id, "item_id": standard.id,
                            "description": f"{standard.name} {standard.specification}",
                            "vol1": vol1, "uom1": uom1, "vol2": rest[0] if rest else 0.0,
                            "uom2": rest[1] if rest else False, "unit_price": standard.price})
                made[(year, company)] = plan.with_env(self.env)
            for company in plans:
                plan = made[(year, company)]
                if year == 2026:
                    as_user(operators[company], plan).action_submit()
                    as_user(bpkad, plan).action_approve()
                    Window.search([("company_id", "=", company.id), ("fiscal_year_id", "=", plan.fiscal_year_id.id)]) \
                        .write({"date_to": now - timedelta(hours=1)})
        # 2027: TAPD sets the ceilings; Dinas Kesehatan submits with a line far above the others
        plan_kominfo, plan_dinkes = made[(2027, kominfo)], made[(2027, dinkes)]
        as_user(tapd, plan_kominfo).ceiling = 90_000_000
        as_user(tapd, plan_dinkes).ceiling = 130_000_000
        as_user(operators[dinkes], self.env["eoffice.budget.plan.line"]).create({
            "activity_id": plan_dinkes.sub_kegiatan_ids[0].id, "account_id": account("5.1.02.01.01.0025").id,
            "item_id": item(2027, kertas).id, "description": "Kertas HVS A4 untuk seluruh puskesmas",
            "vol1": 2000, "uom1": "Rim", "unit_price": item(2027, kertas).price})
        as_user(operators[dinkes], plan_dinkes).action_submit()
        line = self.env["eoffice.budget.plan.line"].search([("plan_id", "=", plan_dinkes.id), ("anomaly", "=", True)],
                                                           limit=1)
        if line:
            as_user(tapd, self.env["eoffice.budget.plan.comment"]).create({
                "line_id": line.id, "body": "Volume kertas 2.000 rim jauh di atas SKPD lain; mohon rinci kebutuhan "
                                            "per puskesmas."})
