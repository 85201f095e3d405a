import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from .eoffice_budget_import import parse_amount

# Flat-file layouts, close to SIPD's exports: one row per DPA detail line, one row per posting.
PLAN_COLUMNS = ["tahun", "kode_skpd", "nama_skpd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana",
                "kode_rekening", "nama_rekening", "kode_standar", "uraian", "koefisien", "volume", "satuan", "harga",
                "pajak", "jumlah", "jumlah_murni", "realisasi"]
REALIZATION_COLUMNS = ["tahun", "kode_skpd", "kode_sub_kegiatan", "kode_rekening", "kode_standar", "tanggal",
                       "nomor_spp", "nomor_spm", "nomor_sp2d", "tanggal_sp2d", "status", "nilai"]
REALIZATION_REQUIRED = ["kode_skpd", "kode_sub_kegiatan", "kode_rekening", "kode_standar", "tanggal", "nilai"]


class EofficeBudgetExchange(models.TransientModel):
    """Export the DPA and its realisation as flat files, and import realisation (SP2D) from one.

    Imported postings go through the same checks as postings made by hand; the import is all or
    nothing, and a posting whose SP2D number is already recorded is skipped, so importing the same
    file twice posts nothing the second time."""

    _name = "eoffice.budget.exchange"
    _inherit = "eoffice.tabular.import"
    _description = "Budget Data Exchange"

    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year", required=True)
    file = fields.Binary(required=False)

    def _csv(self, columns, rows):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(columns)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8-sig")

    def _download(self, data, name):
        attachment = self.env["ir.attachment"].create({"name": name, "raw": data, "mimetype": "text/csv",
                                                       "res_model": self._name, "res_id": self.id})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_export_plan(self):
        self.ensure_one()
        lines = self.env["eoffice.budget.plan.line"].search(
            [("plan_kind", "=", "dpa"), ("fiscal_year_id", "=", self.fiscal_year_id.id)],
            order="company_id, sub_kegiatan_id, account_code, id")
        year = self.fiscal_year_id.year
        rows = [[year, line.company_id.skpd_code or "", line.company_id.name, line.sub_kegiatan_id.code,
                 line.sub_kegiatan_id.name, line.activity_id.funding_source_id.code or "", line.account_id.code,
                 line.account_id.name, line.item_id.code, line.description or "", line.volume_label, line.volume,
                 line.uom1 or line.item_id.uom, line.unit_price, line.tax_percent, line.amount, line.murni_amount,
                 line.realized_amount] for line in lines]
        return self._download(self._csv(PLAN_COLUMNS, rows), f"dpa-{year}.csv")

    def action_export_realization(self):
        self.ensure_one()
        # a paid commitment is one posting: its SP2D row carries the commitment's date and numbers
        entries = self.env["eoffice.budget.realization"].search(
            [("fiscal_year_id", "=", self.fiscal_year_id.id), ("payment_ids", "=", False)], order="date, id")
        rows = [[self.fiscal_year_id.year, entry.company_id.skpd_code or "", entry.sub_kegiatan_id.code,
                 entry.account_id.code, entry.line_id.item_id.code, entry.date, entry.spp_number or "",
                 entry.spm_number or "", entry.sp2d_number or "", entry.sp2d_date or "", entry.state, entry.amount]
                for entry in entries]
        return self._download(self._csv(REALIZATION_COLUMNS, rows), f"realisasi-{self.fiscal_year_id.year}.csv")

    def action_export_lra(self):
        """LRA-style summary (XLSX): budget, realisation, remainder and absorption per SKPD and account
        (jenis and objek), then for the whole Pemda."""
        import xlsxwriter

        self.ensure_one()
        _ = self.env._
        lines = self.env["eoffice.budget.plan.line"].search(
            [("plan_kind", "=", "dpa"), ("fiscal_year_id", "=", self.fiscal_year_id.id)])
        totals = {}
        for line in lines:
            parts = line.account_id.code.split(".")
            for depth in (3, 4):
                key = (line.company_id, ".".join(parts[:depth]))
                budget, realized = totals.get(key, (0.0, 0.0))
                totals[key] = (budget + line.amount, realized + line.realized_amount)
        names = dict(self.env["eoffice.budget.code"].search_fetch(
            [("kind", "=", "account"), ("regulation_id", "=", self.fiscal_year_id.regulation_id.id)],
            ["code", "name"]).mapped(lambda code: (code.code, code.name)))
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {"in_memory": True})
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0"})
        percent = book.add_format({"num_format": "0.00"})
        sheet = book.add_worksheet("LRA")
        sheet.write(0, 0, _("Budget Realisation Report %(year)s", year=self.fiscal_year_id.year), bold)
        sheet.write_row(2, 0, [_("SKPD"), _("Account"), _("Description"), _("Budget"), _("Realised"),
                               _("Remainder"), _("Absorption %")], bold)
        row = 3
        pemda = {}
        for (company, code), (budget, realized) in sorted(totals.items(), key=lambda kv: (kv[0][0].name, kv[0][1])):
            fmt = bold if code.count(".") == 2 else None
            sheet.write_row(row, 0, [company.name, code, names.get(code, "")], fmt)
            sheet.write_number(row, 3, budget, money)
            sheet.write_number(row, 4, realized, money)
            sheet.write_number(row, 5, budget - realized, money)
            sheet.write_number(row, 6, 100.0 * realized / budget if budget else 0.0, percent)
            row += 1
            if code.count(".") == 2:
                pemda_budget, pemda_realized = pemda.get(code, (0.0, 0.0))
                pemda[code] = (pemda_budget + budget, pemda_realized + realized)
        row += 1
        for code, (budget, realized) in sorted(pemda.items()):
            sheet.write_row(row, 0, [_("Pemda"), code, names.get(code, "")], bold)
            sheet.write_number(row, 3, budget, money)
            sheet.write_number(row, 4, realized, money)
            sheet.write_number(row, 5, budget - realized, money)
            sheet.write_number(row, 6, 100.0 * realized / budget if budget else 0.0, percent)
            row += 1
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 16)
        sheet.set_column(2, 2, 50)
        sheet.set_column(3, 6, 16)
        book.close()
        attachment = self.env["ir.attachment"].create({
            "name": f"lra-{self.fiscal_year_id.year}.xlsx", "raw": out.getvalue(),
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "res_model": self._name, "res_id": self.id})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _plan(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the file to import."))
        _columns, rows = self._read_table(REALIZATION_REQUIRED, REALIZATION_COLUMNS)
        lines = self.env["eoffice.budget.plan.line"].search(
            [("plan_kind", "=", "dpa"), ("fiscal_year_id", "=", self.fiscal_year_id.id)])
        by_key = {(line.company_id.skpd_code, line.sub_kegiatan_id.code, line.account_id.code, line.item_id.code):
                  line for line in lines}
        known = set(self.env["eoffice.budget.realization"].search(
            [("fiscal_year_id", "=", self.fiscal_year_id.id), ("sp2d_number", "!=", False)]).mapped("sp2d_number"))
        errors, plan, seen = [], [], {}
        for number, row in rows:
            problems = []
            key = (row.get("kode_skpd"), row.get("kode_sub_kegiatan"), row.get("kode_rekening"),
                   row.get("kode_standar"))
            line = by_key.get(key)
            if not line:
                problems.append(self.env._("No DPA line of %(year)s matches SKPD %(skpd)s, sub kegiatan %(sub)s, "
                                           "account %(account)s and item %(item)s.", year=self.fiscal_year_id.name,
                                           skpd=key[0], sub=key[1], account=key[2], item=key[3]))
            amount = parse_amount(row.get("nilai"))
            if not amount:
                problems.append(self.env._("The amount %(value)s is not a positive amount in rupiah.",
                                           value=row.get("nilai") or "-"))
            try:
                date = fields.Date.to_date(row.get("tanggal"))
            except ValueError:
                date = None
            if not date:
                problems.append(self.env._("The date %(value)s is not a date (YYYY-MM-DD).",
                                           value=row.get("tanggal") or "-"))
            sp2d = row.get("nomor_sp2d") or False
            if sp2d and sp2d in seen:
                problems.append(self.env._("SP2D %(number)s already appears on row %(row)s.", number=sp2d,
                                           row=seen[sp2d]))
            if sp2d:
                seen[sp2d] = number
            if problems:
                errors.append((number, sp2d or row.get("nomor_spm") or "", problems))
            elif not (sp2d and sp2d in known):
                sp2d_date = (fields.Date.to_date(row.get("tanggal_sp2d") or None) or date) if sp2d else False
                plan.append({"line": line, "amount": amount, "date": date, "spp_number": row.get("nomor_spp") or False,
                             "spm_number": row.get("nomor_spm") or False, "sp2d_number": sp2d,
                             "sp2d_date": sp2d_date, "state": "paid" if sp2d else "committed"})
        return errors, plan, len(rows)

    def action_check(self):
        errors, plan, count = self._plan()
        report = [self.env._("Rows read: %(rows)s; bad rows: %(bad)s; postings to make: %(new)s; already recorded: "
                             "%(known)s.", rows=count, bad=len(errors), new=len(plan),
                             known=count - len(errors) - len(plan))]
        self.write({"state": "checked", "error_count": len(errors),
                    "report": "\n".join(report + self._error_lines(errors))})
        return self._reopen()

    def action_import(self):
        errors, plan, count = self._plan()
        if errors:
            self._refuse(errors)
        Realization = self.env["eoffice.budget.realization"]
        for item in plan:
            Realization.create({"line_id": item["line"].id, "amount": item["amount"], "date": item["date"],
                                "spp_number": item["spp_number"], "spm_number": item["spm_number"],
                                "sp2d_number": item["sp2d_number"], "sp2d_date": item["sp2d_date"],
                                "state": item["state"]})
        self.write({"state": "done", "error_count": 0, "report": self.env._(
            "Imported: %(new)s posting(s); %(known)s already recorded.", new=len(plan), known=count - len(plan))})
        return self._reopen()
