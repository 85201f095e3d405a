import base64
from datetime import timedelta

from odoo import api, fields, models


class EofficeBudgetDemo(models.AbstractModel):
    """The budget demo data (plans, DPA, cash plans, SPD, postings, a revision, indicators), built
    through the real workflow by the demo users; called once by the demo data file."""

    _name = "eoffice.budget.demo"
    _description = "Budget Demo Data"

    @api.model
    def _demo_plans(self):
        ref = self.env.ref
        kominfo, dinkes = ref("eoffice_skpd.skpd_kominfo"), ref("eoffice_skpd.skpd_dinkes")
        operators = {kominfo: ref("eoffice_budget.user_operator_kominfo"),
                     dinkes: ref("eoffice_budget.user_operator_dinkes")}
        tapd, bpkad = ref("eoffice_budget.user_tapd"), ref("eoffice_budget.user_bpkad")
        now = fields.Datetime.now()
        Plan = self.env["eoffice.budget.plan"]
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
                plan = as_user(operator, Plan).create({"company_id": company.id, "fiscal_year_id": fiscal_year.id})
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
        self._demo_execution()

    @api.model
    def _demo_execution(self):
        """2026: cash plans confirmed, SPD for the first semester, postings (one reversed), a
        pergeseran, and SAKIP indicators with three quarters reported."""
        ref = self.env.ref
        year = ref("eoffice_budget.fiscal_year_2026")
        bpkad = ref("eoffice_budget.user_bpkad")
        Plan = self.env["eoffice.budget.plan"]
        bpkad_env = Plan.with_user(bpkad).with_context(allowed_company_ids=bpkad.company_ids.ids)
        dpas = bpkad_env.search([("kind", "=", "dpa"), ("fiscal_year_id", "=", year.id)])
        dpas.action_cash_plan_spread()
        dpas.action_confirm_cash_plan()
        Spd = bpkad_env.env["eoffice.budget.spd"]
        Realization = bpkad_env.env["eoffice.budget.realization"]
        for index, dpa in enumerate(dpas, start=1):
            spd = Spd.create({"name": f"SPD-{index:03d}/BPKAD/2026", "date": "2026-01-05", "plan_id": dpa.id,
                              "month_to": "6"})
            spd.action_fill_from_cash_plan()
            spd.action_approve()
            for number, line in enumerate(dpa.line_ids.sorted("id"), start=1):
                # a fifth of each line paid in March, a sixth committed in May (one of them reversed)
                Realization.create({
                    "line_id": line.id, "amount": line.amount // 500 * 100, "date": "2026-03-16", "state": "paid",
                    "spm_number": f"SPM-{index}{number:03d}/2026", "sp2d_number": f"SP2D-{index}{number:03d}/2026",
                    "sp2d_date": "2026-03-18", "description": line.description})
                Realization.create({
                    "line_id": line.id, "amount": line.amount // 600 * 100, "date": "2026-05-11",
                    "spm_number": f"SPM-{index}{number:03d}B/2026", "description": line.description})
            mistake = Realization.search([("plan_id", "=", dpa.id), ("state", "=", "committed")], limit=1)
            mistake.action_reverse("Salah input nilai SPM")
        # a pergeseran at Diskominfo: ten rims of paper move from office supplies to the planning documents
        kominfo_dpa = dpas.filtered(lambda dpa: dpa.company_id == ref("eoffice_skpd.skpd_kominfo"))
        operator = ref("eoffice_budget.user_operator_kominfo")
        papers = kominfo_dpa.line_ids.filtered(lambda line: line.item_id.code == "1.1.7.01.01.01.001")
        planning = papers.filtered(lambda line: line.sub_kegiatan_id.code == "2.16.01.2.01.0001")
        supplies = papers.filtered(lambda line: line.sub_kegiatan_id.code == "2.16.01.2.06.0004")
        as_bpkad = {"allowed_company_ids": bpkad.company_ids.ids}
        revision = self.env["eoffice.budget.revision"].with_user(operator).with_context(
            allowed_company_ids=operator.company_ids.ids).create({
                "name": "Pergeseran I/2026", "kind": "pergeseran", "plan_id": kominfo_dpa.id,
                "reason": "Penyusunan Renstra membutuhkan lebih banyak kertas; persediaan kantor masih cukup.",
                "line_ids": [
                    (0, 0, {"line_id": planning.id, "new_vol1": planning.vol1 + 10,
                            "new_unit_price": planning.unit_price}),
                    (0, 0, {"line_id": supplies.id, "new_vol1": supplies.vol1 - 10,
                            "new_unit_price": supplies.unit_price})]})
        revision.action_submit()
        revision = revision.with_user(bpkad).with_context(**as_bpkad)
        revision.write({"minutes_file": base64.b64encode(b"%PDF-1.4\n% Berita acara pergeseran anggaran (contoh)\n"),
                        "minutes_filename": "berita-acara-pergeseran-I-2026.pdf"})
        revision.action_approve()
        kominfo_dpa = kominfo_dpa.with_user(bpkad).with_context(**as_bpkad)
        kominfo_dpa.action_cash_plan_spread()
        kominfo_dpa.action_confirm_cash_plan()
        # SAKIP
        Indicator = self.env["eoffice.budget.indicator"]
        Indicator.create([
            {"name": "Indeks SPBE Kabupaten", "company_id": ref("eoffice_skpd.skpd_kominfo").id,
             "fiscal_year_id": year.id, "level": "skpd", "uom": "indeks", "target": 3.0, "target_q1": 2.6,
             "target_q2": 2.7, "target_q3": 2.8, "target_q4": 3.0,
             "realization_ids": [(0, 0, {"quarter": "1", "value": 2.6}), (0, 0, {"quarter": "2", "value": 2.75}),
                                 (0, 0, {"quarter": "3", "value": 2.8})]},
            {"name": "Aplikasi layanan publik yang terintegrasi", "company_id": ref("eoffice_skpd.skpd_kominfo").id,
             "fiscal_year_id": year.id, "level": "program", "code_id": ref("eoffice_budget.p23_2_16_03").id,
             "uom": "aplikasi", "target": 4, "target_q1": 1, "target_q2": 2, "target_q3": 3, "target_q4": 4,
             "realization_ids": [(0, 0, {"quarter": "1", "value": 1}), (0, 0, {"quarter": "2", "value": 1}),
                                 (0, 0, {"quarter": "3", "value": 2})]},
            {"name": "Angka kematian ibu per 100.000 kelahiran hidup", "company_id": ref("eoffice_skpd.skpd_dinkes").id,
             "fiscal_year_id": year.id, "level": "skpd", "uom": "per 100.000 KH", "direction": "lower",
             "target": 90, "target_q1": 100, "target_q2": 96, "target_q3": 93, "target_q4": 90,
             "realization_ids": [(0, 0, {"quarter": "1", "value": 104}), (0, 0, {"quarter": "2", "value": 97}),
                                 (0, 0, {"quarter": "3", "value": 88})]},
        ])
